// Icarus testbench of the RTL-equals-model tests: replays stimulus and
// expected outputs written by eqgen (from the C model esru_unit) and compares
// every output bit after every rising edge. Run vvp in the directory holding
// ctl.hex, x.hex, rnd.hex, exp.hex. Compile with
//   iverilog -Wall -g2005 -DDUT=<top> [-DHAS_RND] -Ptb.IW=.. -Ptb.OW=..
//            -Ptb.LANES=.. -Ptb.RW=.. -Ptb.NCYC=.. tb_icarus.v <rtl files>
// Prints "PASS <cycles>" or "MISMATCH ..." then "FAIL".
`default_nettype none

module tb;
    parameter IW = 32, OW = 8, LANES = 1, RW = 1, NCYC = 5000;

    reg clk = 1'b0, rst = 1'b0, en = 1'b0;
    reg  [LANES*IW-1:0] x = {LANES*IW{1'b0}};
    reg  [RW-1:0] rnd = {RW{1'b0}};
    wire [LANES*OW-1:0] y;

    reg [1:0]          ctl_mem [0:NCYC-1];
    reg [LANES*IW-1:0] x_mem   [0:NCYC-1];
    reg [RW-1:0]       rnd_mem [0:NCYC-1];
    reg [LANES*OW-1:0] exp_mem [0:NCYC-1];

`ifdef HAS_RND
    `DUT dut (.clk(clk), .rst(rst), .en(en), .x(x), .rnd(rnd), .y(y));
`else
    `DUT dut (.clk(clk), .rst(rst), .en(en), .x(x), .y(y));
`endif

    integer i, l, bad;
    reg [LANES*OW-1:0] want;

    initial begin
        $readmemh("ctl.hex", ctl_mem);
        $readmemh("x.hex", x_mem);
        $readmemh("rnd.hex", rnd_mem);
        $readmemh("exp.hex", exp_mem);
        bad = 0;
        for (i = 0; i < NCYC && bad == 0; i = i + 1) begin
            {rst, en} = ctl_mem[i];
            x = x_mem[i];
            rnd = rnd_mem[i];
            #5 clk = 1'b1;
            #1 want = exp_mem[i];
            if (y !== want) begin
                for (l = 0; l < LANES; l = l + 1)
                    if (y[l*OW +: OW] !== want[l*OW +: OW] && bad == 0) begin
                        $display("MISMATCH cycle %0d lane %0d: rst=%b en=%b x=%h expected=%h got=%h",
                                 i, l, rst, en, x[l*IW +: IW], want[l*OW +: OW], y[l*OW +: OW]);
                        bad = 1;
                    end
                if (bad == 0) begin
                    $display("MISMATCH cycle %0d: expected=%h got=%h", i, want, y);
                    bad = 1;
                end
            end
            #4 clk = 1'b0;
        end
        if (bad == 0)
            $display("PASS %0d", NCYC);
        else
            $display("FAIL");
        $finish;
    end
endmodule

`default_nettype wire
