# tests/mutate/: make mutate. Every mutation in mutations.txt (file, original
# text, mutated text) is applied alone to a copy of the tree and must be killed
# by the fast test groups. Not part of make test (minutes); docs/reliability.md.
# make test checks in a second that every entry still applies to the tree.
.PHONY: mutate test-mutate-entries
test: test-mutate-entries
test-mutate-entries:
	@tests/mutate/run.sh --check tests/mutate/mutations.txt
mutate: ## apply plausible bugs one by one; fails unless the tests catch every one
	@tests/mutate/run.sh tests/mutate/mutations.txt
