// Reference LFSR for `make formal`: the recurrence of docs/numerics.md with
// the taps of Xilinx XAPP052 table 3, read from tests/formal/xapp052-taps.txt
// (turned into xapp052_mask() by taps2v.sh), not from esrugen's tap table.
//   rst: q <= SEED;  en: q <= {q[W-2:0], XOR of the tap bits};  else q holds.
`default_nettype none
module ref_lfsr #(
    parameter integer W = 3,
    parameter [63:0] SEED = 64'd1
) (
    input  wire         clk,
    input  wire         rst,
    input  wire         en,
    output reg  [W-1:0] q
);
`include "xapp052_taps.vh"
    localparam [63:0] MASK = xapp052_mask(W);
    wire [63:0] state = {{(64 - W){1'b0}}, q};
    wire feedback = ^(state & MASK);
    // shift left by one, the feedback enters at bit 0 (W = 1: q <= feedback)
    wire [63:0] shifted = (state << 1) | feedback;

    always @(posedge clk) begin
        if (rst)
            q <= SEED[W-1:0];
        else if (en)
            q <= shifted[W-1:0];
    end
endmodule
`default_nettype wire
