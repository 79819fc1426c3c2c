// First-principles design: a 3-bit Fibonacci LFSR (x^3 + x^2 + 1) with explicit
// XOR feedback, synchronous reset and enable. Exactly 3 flip-flops on every
// target; on xc7 reset and enable map onto FDRE/FDSE pins, leaving one LUT2 (the XOR).
module lfsr3 (input wire clk, input wire rst, input wire en, output reg [2:0] q);
    always @(posedge clk)
        if (rst) q <= 3'b001;
        else if (en) q <= {q[1:0], q[2] ^ q[1]};
endmodule
