// Fails synthesis on purpose: the flow must name this design and exit non-zero.
module broken (input wire clk, output reg q);
    always @(posedge clk) q <= undeclared_signal
endmodule
