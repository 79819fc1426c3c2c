// Functional test of esrugen's timing wrappers (tests/test_wrap.sh).
// u_wrap (--wrap reg) and s_wrap (--wrap serial) wrap the same unit, generated as
//   esrugen --in-width 8 --out-width 4 --shift 3 --sru-width 3 --prng-width 2 --prng plateau --lanes 2
// Each is run beside a bare instance of the unit fed exactly what the wrapper
// should feed its own copy; the wrapper's outputs must then match the bare
// unit's. Negative checks: the same comparisons, one cycle or one transaction
// off, must fail, so a wrapper that lost a register would be caught.
`default_nettype none
module tb;
    reg clk = 0;
    always #5 clk = ~clk;

    // --wrap reg: inputs and outputs each pass one register.
    reg         rst = 1, en = 0;
    reg  [15:0] x = 0;
    reg         rst_d, en_d;
    reg  [15:0] x_d;
    reg  [7:0]  y_ref_d;
    wire [7:0]  y_wrap, y_ref;
    u_wrap w (.clk(clk), .rst(rst), .en(en), .x(x), .y(y_wrap));
    u      r (.clk(clk), .rst(rst_d), .en(en_d), .x(x_d), .y(y_ref));
    always @(posedge clk) begin
        rst_d <= rst;
        en_d <= en;
        x_d <= x;
        y_ref_d <= y_ref;
    end

    // --wrap serial: 18 input bits (rst [0], en [1], x [17:2]) in, 8 output bits (y) out.
    reg         si = 0, shift = 0, load = 0;
    wire        so;
    reg  [17:0] vec = 0, applied = 18'h1;
    reg  [7:0]  captured = 0, captured_prev = 0, got;
    wire [7:0]  y_s;
    s_wrap sw (.clk(clk), .si(si), .shift(shift), .load(load), .so(so));
    s      sr (.clk(clk), .rst(applied[0]), .en(applied[1]), .x(applied[17:2]), .y(y_s));
    always @(posedge clk)
        if (load) begin
            applied <= vec;
            captured <= y_s;
            captured_prev <= captured;
        end

    integer i, k, bad = 0, bad_off = 0, sbad = 0, sbad_off = 0, nonzero = 0;
    initial begin
        // registered wrapper
        repeat (3) @(negedge clk);
        rst = 0;
        for (i = 0; i < 3000; i = i + 1) begin
            @(negedge clk);
            if (i > 3) begin
                if (y_wrap !== y_ref_d) bad = bad + 1;
                if (y_wrap !== y_ref) bad_off = bad_off + 1;
                if (y_wrap != 0) nonzero = nonzero + 1;
            end
            en = $random;
            x = $random;
            rst = ($random % 64) == 0;
        end
        // serial wrapper: shift a vector in (bit 0 first), load, shift the outputs out
        for (i = 0; i < 300; i = i + 1) begin
            vec[0] = i < 2 || ($random % 32) == 0; // rst: first, then now and then
            vec[1] = i >= 2 && ($random % 2) == 0;  // en
            vec[17:2] = $random;                    // x
            for (k = 0; k < 18; k = k + 1) begin
                si = vec[k];
                shift = 1;
                @(negedge clk);
            end
            shift = 0;
            load = 1;
            @(negedge clk);
            load = 0;
            for (k = 0; k < 8; k = k + 1) begin
                got[k] = so;
                shift = 1;
                @(negedge clk);
            end
            shift = 0;
            if (i > 2) begin
                if (got !== captured) sbad = sbad + 1;
                if (got !== captured_prev) sbad_off = sbad_off + 1;
                if (got != 0) nonzero = nonzero + 1;
            end
        end
        $display("reg: %0d mismatches, %0d one cycle off; serial: %0d mismatches, %0d one transaction off; %0d nonzero",
                 bad, bad_off, sbad, sbad_off, nonzero);
        $finish;
    end
endmodule
`default_nettype wire
