# notes — build, test and try the conference write-up knowledge base.
GO      ?= go
BIN     := bin/notes
DEMO_DB := $(CURDIR)/bin/demo.db
SHARED  ?= ../shared
FUZZTIME ?= 30s

export CGO_ENABLED = 0

.PHONY: all build test demo score score-needs bench fuzz stress vet clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/notes

## test: every unit, golden and script test (also what CI runs)
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

## demo: import the bundled sample posts, list the talks of one event, search
demo: build
	@rm -rf $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_DB).bleve
	$(BIN) --db $(DEMO_DB) import testdata/posts
	$(BIN) --db $(DEMO_DB) events
	$(BIN) --db $(DEMO_DB) talks --event "AWS Summit"
	$(BIN) --db $(DEMO_DB) search lambda --limit 3

## score: extraction scores on the shared seed corpus, on the 41 real posts
## of shared/corpus/dev and on our own samples, side by side (needs python3
## and ../shared; SHARED=path points elsewhere). Per-post lines, worst first:
## python3 $(SHARED)/tools/score.py bin/notes $(SHARED)/corpus/dev/posts $(SHARED)/corpus/dev/gold --by-file
score: score-needs build
	@printf '%-8s %s\n' corpus "F1 (talks speakers companies services event)"
	@for c in "seeds $(SHARED)/corpus/seeds $(SHARED)/corpus/gold" \
	          "dev $(SHARED)/corpus/dev/posts $(SHARED)/corpus/dev/gold" \
	          "samples testdata/posts testdata/gold"; do \
		set -- $$c; \
		printf '%-8s %s\n' $$1 "$$(python3 $(SHARED)/tools/score.py $(BIN) $$2 $$3 | tail -1)"; \
	done

# score-needs: what make score needs, said before anything is built.
score-needs:
	@command -v python3 >/dev/null || { echo "make score: python3 not found: install it (apt-get install python3), it runs $(SHARED)/tools/score.py" >&2; exit 2; }
	@[ -f $(SHARED)/tools/score.py ] && [ -d $(SHARED)/corpus ] || { printf '%s\n' \
		"make score: $(SHARED)/tools/score.py or $(SHARED)/corpus not found." \
		"The scorer and the hand-checked corpus are in the shared folder, not in this repository:" \
		"put it at ../shared (beside this checkout), or run make score SHARED=/path/to/shared." \
		"make test does not need it (it skips the scores)." >&2; exit 2; }

## bench: the whole-process benchmark (import, re-import, search, talks
## beside rg and cat) on 1,000 and 10,000 generated write-ups, cached in
## $TMPDIR/notes-bench (several minutes), then Go benchmarks of each stage,
## which also read the 1,000 generated posts (NOTES_BENCH_CORPUS).
## BENCHFLAGS passes flags to notesbench, e.g. BENCHFLAGS='-sizes 1000'.
## BASE=rev (or a binary) also runs the cold import and the searches with
## that version, alternately, and reports both side by side:
## make bench BASE=2cd2565 (main before post documents were indexed).
bench:
	$(GO) run ./cmd/notesbench -shared $(SHARED) $(if $(BASE),-base $(BASE)) $(BENCHFLAGS)
	NOTES_BENCH_CORPUS=$$(d=$${TMPDIR:-/tmp}/notes-bench/1000/posts; [ -d "$$d" ] && echo "$$d") \
		$(GO) test -run '^$$' -bench . -benchmem ./...

## fuzz: run each fuzz target for FUZZTIME
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$t"; \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

## stress: kill -9 in the middle of imports, then two imports and searches
## at once, on generated corpora (the real binary; a few minutes)
stress:
	NOTES_STRESS=1 $(GO) test -count=1 -run '^TestStress' -v -timeout 30m ./cmd/notes

clean:
	rm -rf bin
