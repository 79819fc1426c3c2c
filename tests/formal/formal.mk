# `make formal`: Yosys proofs (SAT, temporal induction) that every generated
# unit of tests/formal/grid.txt equals a hand-written reference of the rule in
# docs/numerics.md, that every LFSR width 1..64 is the XAPP052 recurrence, and
# that deliberately wrong references fail. docs/formal.md says what is proven.
#
#   make formal                  everything (make test: test-formal, grid-quick.txt)
#   make formal FORMAL_JOBS=4    more parallel Yosys runs
#   FORMAL_GRID=FILE             another grid (same format as tests/formal/grid.txt)
test: test-formal

FORMAL       ?= $(BUILD)/formal
FORMAL_JOBS  ?= 2
FORMAL_GRID  ?= tests/formal/grid.txt
FORMAL_WRONG ?= tests/formal/wrong.txt

.PHONY: formal test-formal
formal: esrugen ## prove generated units equal the rounding rule for all inputs (Yosys SAT)
	@tests/formal/run.sh ./esrugen tests/formal $(FORMAL) $(FORMAL_JOBS) $(FORMAL_GRID) $(FORMAL_WRONG)

# make test proves a subset of the grid (every kind, both fills, four shapes)
# and every LFSR width and wrong reference: about a third of the CPU.
test-formal: esrugen
	@tests/formal/run.sh ./esrugen tests/formal $(FORMAL) $(FORMAL_JOBS) tests/formal/grid-quick.txt $(FORMAL_WRONG)
