// Reference rounding lane for `make formal` (tests/formal/README.md).
// The rule of docs/numerics.md as plain wide-integer arithmetic, written
// independently of esrugen's emitters: no bit slicing of x, no adder widths,
// no special cases for D = 0 or D < N (the arithmetic covers them).
//   q    = floor(x / 2^D)
//   frac = x - q * 2^D                       the D discarded bits, 0 <= frac < 2^D
//   sr:    top  = frac scaled to N bits      floor(frac / 2^(D-N)) if D >= N, frac * 2^(N-D) if D < N
//          word = r * 2^(N-M) (+ 2^(N-M-1) for half fill, when N > M)
//          up   = top + word >= 2^N
//   rne:   up   = 2*frac > 2^D, or 2*frac == 2^D and q odd
//   trunc: up   = 0
//   y    = clamp(q + up, -2^(OW-1), 2^(OW-1) - 1)
`default_nettype none

// The N-bit random word: the M random bits, then the fill.
module ref_word #(
    parameter integer N = 8,
    parameter integer M = 3,
    parameter FILL = "zero"
) (
    input  wire [M-1:0] r,
    output wire [N-1:0] word
);
    localparam [63:0] HALF = (FILL == "half" && N > M) ? (64'd1 << (N - M - 1)) : 64'd0;
    wire [63:0] value = ({32'd0, r} << (N - M)) + HALF;
    assign word = value[N-1:0];
endmodule

module ref_lane #(
    parameter integer IW = 32,
    parameter integer OW = 8,
    parameter integer D = 16,
    parameter integer N = 8,
    parameter integer M = 3,
    parameter FILL = "zero",
    parameter ROUNDING = "sr"
) (
    input  wire [IW-1:0] x,
    input  wire [M-1:0]  r,
    output wire [OW-1:0] y
);
    // 192-bit signed arithmetic: no intermediate below can overflow
    // (|x| < 2^63, frac * 2^(N-D) < 2^95, 2 * frac < 2^64).
    wire signed [191:0] xv = $signed(x);
    wire signed [191:0] q = xv >>> D;
    wire signed [191:0] frac = xv - (q <<< D);

    wire [N-1:0] word;
    ref_word #(.N(N), .M(M), .FILL(FILL)) u_word (.r(r), .word(word));
    wire signed [191:0] top = (D >= N) ? (frac >>> (D - N)) : (frac <<< (N - D));
    wire signed [191:0] word_v = $signed({160'd0, word});
    wire signed [191:0] one = 192'sd1;
    wire up_sr = (top + word_v) >= (one <<< N);

    wire signed [191:0] two_frac = frac <<< 1;
    wire signed [191:0] two_pow_d = one <<< D;
    wire up_rne = (two_frac > two_pow_d) || (two_frac == two_pow_d && q[0]);

    wire up = (ROUNDING == "sr") ? up_sr : (ROUNDING == "rne") ? up_rne : 1'b0;

    wire signed [191:0] s = q + $signed({191'd0, up});
    wire signed [191:0] hi = (one <<< (OW - 1)) - one;
    wire signed [191:0] lo = -(one <<< (OW - 1));
    wire signed [191:0] sat = (s > hi) ? hi : (s < lo) ? lo : s;
    assign y = sat[OW-1:0];
endmodule

`default_nettype wire
