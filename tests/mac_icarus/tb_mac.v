// Icarus testbench of the generated MAC array (issue 4): replays the
// stimulus stim.c wrote from the C model and compares the outputs after every
// rising edge with the expected values, where the check mask says so.
// Run vvp in the directory holding stim.hex, exp.hex, op.hex. Compile with
//   iverilog -Wall -g2005 -Ptb.R=.. -Ptb.C=.. -Ptb.L=.. -Ptb.W=.. -Ptb.A=..
//            -Ptb.B=.. -Ptb.BW=.. -Ptb.NCYC=.. tb_mac.v <rtl files>
// (stim.c writes these -P flags to tb.args). The top module must be `mac`.
// Prints "MISMATCH cycle N port P element E ..." for the first mismatch, then
// "FAIL <count> ..." and stops with $fatal; or "PASS ..." when all match.
`default_nettype none

module tb;
    parameter R = 2, C = 2, L = 2, W = 8, A = 32, B = 8, BW = 8, NCYC = 1;
    // acc_sel width: ceil(log2 R), at least 1 (as the generator sizes it)
    localparam SELW = (R <= 2) ? 1 : (R <= 4) ? 2 : (R <= 8) ? 3 : (R <= 16) ? 4 : 5;

    // input vector, LSB first: rst, acc_clear, mac_en, a, b, init, rq_en,
    // rq_shift, rq_relu, rq_keep, rq_x, up_en, up_shift, up_g, up_w
    localparam SW = 3 + R * W + C * W + C * A + 1 + 6 + 1 + L + L * A + 1 + 7 + L * A + L * BW;
    // output vector, LSB first: acc, rq_y, up_w_new; exp.hex holds {check, expected}
    localparam OW = R * C * A + L * B + L * BW;

    reg clk = 1'b0;
    reg rst, acc_clear, mac_en, rq_en, rq_relu, up_en;
    reg [R*W-1:0]  a;
    reg [C*W-1:0]  b;
    reg [C*A-1:0]  init;
    reg [5:0]      rq_shift;
    reg [L-1:0]    rq_keep;
    reg [L*A-1:0]  rq_x;
    reg [6:0]      up_shift;
    reg [L*A-1:0]  up_g;
    reg [L*BW-1:0] up_w;
    reg  [SELW-1:0]  acc_sel;
    wire [C*A-1:0]   acc_row;
    reg  [R*C*A-1:0] acc; // all rows, read through the row port after each edge
    wire [L*B-1:0]   rq_y;
    wire [L*BW-1:0]  up_w_new;

    mac dut (.clk(clk), .rst(rst), .acc_clear(acc_clear), .mac_en(mac_en), .a(a), .b(b), .init(init),
             .acc_sel(acc_sel), .acc_row(acc_row),
             .rq_en(rq_en), .rq_shift(rq_shift), .rq_relu(rq_relu), .rq_keep(rq_keep), .rq_x(rq_x), .rq_y(rq_y),
             .up_en(up_en), .up_shift(up_shift), .up_g(up_g), .up_w(up_w), .up_w_new(up_w_new));

    reg [SW-1:0]   stim_mem [0:NCYC-1];
    reg [2*OW-1:0] exp_mem  [0:NCYC-1];
    reg [7:0]      op_mem   [0:NCYC-1];

    reg [OW-1:0] want, chk, got;
    integer i, e, r, fails, checked;

    // compare one element (LSB at lsb, n bits) of port `port`
    task check_elem;
        input [8*8-1:0] port;
        input integer elem, lsb, n;
        integer k;
        reg bad, any;
        begin
            bad = 1'b0;
            any = 1'b0;
            for (k = lsb; k < lsb + n; k = k + 1)
                if (chk[k] === 1'b1) begin
                    any = 1'b1;
                    if (got[k] !== want[k])
                        bad = 1'b1;
                end
            if (any)
                checked = checked + 1;
            if (bad) begin
                if (fails == 0)
                    $display("MISMATCH cycle %0d port %0s element %0d (op %0d): expected %0h got %0h (check mask %0h)",
                             i, port, elem, op_mem[i], field(want, lsb, n), field(got, lsb, n), field(chk, lsb, n));
                fails = fails + 1;
            end
        end
    endtask

    // bits [lsb +: n] of v, zero-extended to 64 bits (n <= 64)
    function [63:0] field;
        input [OW-1:0] v;
        input integer lsb, n;
        integer k;
        begin
            field = 64'd0;
            for (k = 0; k < n; k = k + 1)
                field[k] = v[lsb + k];
        end
    endfunction

    initial begin
        $readmemh("stim.hex", stim_mem);
        $readmemh("exp.hex", exp_mem);
        $readmemh("op.hex", op_mem);
        fails = 0;
        checked = 0;
        for (i = 0; i < NCYC; i = i + 1) begin
            {up_w, up_g, up_shift, up_en, rq_x, rq_keep, rq_relu, rq_shift, rq_en, init, b, a, mac_en, acc_clear,
             rst} = stim_mem[i];
            #5 clk = 1'b1;
            for (r = 0; r < R; r = r + 1) begin
                acc_sel = r[SELW-1:0];
                #1 acc[r*C*A +: C*A] = acc_row;
            end
            {chk, want} = exp_mem[i];
            got = {up_w_new, rq_y, acc};
            for (e = 0; e < R * C; e = e + 1)
                check_elem("acc", e, e * A, A);
            for (e = 0; e < L; e = e + 1)
                check_elem("rq_y", e, R * C * A + e * B, B);
            for (e = 0; e < L; e = e + 1)
                check_elem("up_w_new", e, R * C * A + L * B + e * BW, BW);
            #4 clk = 1'b0;
        end
        if (fails != 0) begin
            $display("FAIL %0d mismatched elements (of %0d checked) in %0d cycles", fails, checked, NCYC);
            $fatal(1, "tb_mac: the RTL differs from the C model");
        end
        $display("PASS %0d cycles, %0d elements checked", NCYC, checked);
        $finish;
    end
endmodule

`default_nettype wire
