// Reference SRU top for `make formal`: PRNG bank, lanes and output register
// as docs/numerics.md ("PRNGs") and docs/interface.md describe them, built
// from ref_lfsr and ref_lane. Independent of esrugen's emitters except for
// the LFSR seeds, which the proof script reads from the generated top
// (SEEDS: seed i in bits [64*i +: 64]; the seed rule is tested elsewhere).
//
// A PRNG kind is described in three places below, each marked "kind:": its
// name in KNOWN, the number NL and width W of its LFSRs, and lane l's M random
// bits r. A kind this file does not know is an elaboration error.
`default_nettype none
module ref_top #(
    parameter integer IW = 32,
    parameter integer OW = 8,
    parameter integer D = 16,
    parameter integer N = 8,
    parameter integer M = 3,
    parameter FILL = "zero",
    parameter ROUNDING = "sr",
    parameter PRNG = "ext",
    parameter integer L = 1,
    parameter integer P = 0,           // --pipeline: results reach y P cycles later
    parameter integer NSEEDS = 0,      // LFSR instances found in the generated top
    parameter integer SEED_W = 0,      // their width
    parameter [64*256-1:0] SEEDS = 0,
    parameter integer STATE_W = 0,     // shared: --prng-state-width (0: the default rule)
    parameter [64*512-1:0] MASKS = 0   // shared: lane l bit j reads state & MASKS[64*(l*M+j) +: 64]
) (
    input  wire            clk,
    input  wire            rst,
    input  wire            en,
    input  wire [L*IW-1:0] x,
    input  wire [L*M-1:0]  rnd,        // the random bits of --prng ext
    output reg  [L*OW-1:0] y
);
    localparam SR = ROUNDING == "sr";
    // kind: the kinds this reference knows
    localparam KNOWN = PRNG == "lfsr" || PRNG == "lfsr-inv" || PRNG == "plateau"
                    || PRNG == "pair" || PRNG == "sliced" || PRNG == "ext" || PRNG == "shared";
    // kind: number and width of the LFSRs (none without sr)
    localparam integer NL = !SR ? 0
                          : (PRNG == "lfsr" || PRNG == "lfsr-inv" || PRNG == "plateau") ? L
                          : PRNG == "pair" ? L / 2
                          : (PRNG == "sliced" || PRNG == "shared") ? 1
                          : 0;
    // shared (docs/numerics.md): the smallest Mersenne exponent >= 17 and >= 2M
    localparam integer SHARED_W = STATE_W != 0 ? STATE_W : 2 * M <= 17 ? 17 : 2 * M <= 19 ? 19 : 2 * M <= 31 ? 31 : 61;
    localparam integer W = PRNG == "sliced" ? L * M : PRNG == "shared" ? SHARED_W : M;
    localparam PHASE = SR && PRNG == "plateau";
    // the state the proof pairs with the generated top's: {phase, LFSR NL-1 .. LFSR 0}
    localparam integer SW = NL * W + (PHASE ? 1 : 0);

    genvar i, l, j;
    generate
        if (SR && !KNOWN) begin : unknown_kind
            formal_error_unknown_prng_kind_in_ref_top u_error ();
        end
        if (NSEEDS != NL || (NL > 0 && SEED_W != W)) begin : bank_shape
            formal_error_generated_lfsr_count_or_width_differs u_error ();
        end
    endgenerate

    wire [(NL > 0 ? NL * W : 1) - 1:0] lfsr_q;
    generate
        for (i = 0; i < NL; i = i + 1) begin : bank
            if (SEEDS[64 * i +: 64] == 64'd0) begin : zero
                formal_error_zero_seed u_error ();
            end
            ref_lfsr #(.W(W), .SEED(SEEDS[64 * i +: 64])) u_lfsr (
                .clk(clk), .rst(rst), .en(en), .q(lfsr_q[i * W +: W]));
        end
        if (NL == 0) begin : no_bank
            assign lfsr_q = 1'b0;
        end
    endgenerate

    // plateau: 0 = straight, 1 = inverted; toggles on every enabled cycle
    reg phase;
    always @(posedge clk) begin
        if (rst)
            phase <= 0;
        else if (en)
            phase <= ~phase;
    end

    wire [(SW > 0 ? SW : 1) - 1:0] state;
    generate
        if (PHASE) begin : st_phase
            assign state = {phase, lfsr_q};
        end else begin : st_bank
            assign state = lfsr_q;
        end
    endgenerate

    wire [L*OW-1:0] y_next;
    generate
        for (l = 0; l < L; l = l + 1) begin : lane
            // kind: lane l's M random bits
            wire [M-1:0] r;
            if (!SR) begin : none
                assign r = {M{1'b0}};
            end else if (PRNG == "lfsr") begin : k_lfsr
                assign r = lfsr_q[l * W +: M];
            end else if (PRNG == "lfsr-inv") begin : k_inv
                assign r = ~lfsr_q[l * W +: M];
            end else if (PRNG == "plateau") begin : k_plateau
                assign r = (phase ^ (l % 2 == 1)) ? ~lfsr_q[l * W +: M] : lfsr_q[l * W +: M];
            end else if (PRNG == "pair") begin : k_pair
                assign r = (l % 2 == 0) ? lfsr_q[(l / 2) * W +: M] : ~lfsr_q[(l / 2) * W +: M];
            end else if (PRNG == "sliced") begin : k_sliced
                assign r = lfsr_q[l * M +: M];
            end else if (PRNG == "shared") begin : k_shared
                for (j = 0; j < M; j = j + 1) begin : k_bit
                    assign r[j] = ^(lfsr_q[W - 1:0] & MASKS[64 * (l * M + j) +: W]);
                end
            end else begin : k_ext
                assign r = rnd[l * M +: M];
            end
            ref_lane #(.IW(IW), .OW(OW), .D(D), .N(N), .M(M), .FILL(FILL), .ROUNDING(ROUNDING)) u_lane (
                .x(x[l * IW +: IW]), .r(r), .y(y_next[l * OW +: OW]));
        end
    endgenerate

    // --pipeline P (docs/interface.md): the lanes round on the en edge, with
    // that edge's random bits; the result waits P cycles (dly_v: it was taken
    // with en high) and then loads y. P = 0: straight into y.
    // (flat vectors, not a memory: sat works on flip-flops)
    localparam integer PW = P > 0 ? P : 1;
    reg [PW*L*OW-1:0] dly;
    reg [PW-1:0] dly_v;
    generate
        if (P == 0) begin : p0
            // rst: zero; en: the lanes' results; otherwise hold
            always @(posedge clk)
                y <= rst ? 0 : en ? y_next : y;
        end else begin : pn
            always @(posedge clk) begin
                y <= rst ? {L*OW{1'b0}} : dly_v[P - 1] ? dly[(P - 1) * L * OW +: L * OW] : y;
                dly <= {dly, y_next};
                dly_v <= rst ? {PW{1'b0}} : {dly_v, en};
            end
        end
    endgenerate
endmodule
`default_nettype wire
