// First-principles design: a 4-bit register, no reset, no enable.
// Every target must report exactly 4 flip-flops and no logic.
module reg4 (input wire clk, input wire [3:0] d, output reg [3:0] q);
    always @(posedge clk) q <= d;
endmodule
