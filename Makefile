# SPDX-License-Identifier: MIT
# nntutor: build, test, install.  GNU make.

VERSION     = 0.1.0
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
DATADIR    ?= $(PREFIX)/share
INCLUDEDIR ?= $(PREFIX)/include
MANDIR     ?= $(DATADIR)/man
DESTDIR    ?=

CC         ?= cc
PKG_CONFIG ?= pkg-config
LUA_PC     ?= lua5.4
CURSES_PC  ?= ncursesw
SECCOMP_PC ?= libseccomp
BUSTED     ?= lua5.4 /usr/bin/busted

CFLAGS     ?= -O2 -g
BUILD      ?= build

# The Lua, ncursesw and libseccomp flags are asked of pkg-config the first
# time a recipe needs them, not when make reads this file: `make deps test`
# installs the packages first and only then compiles, in one invocation.
# The answer is kept, so pkg-config runs once per make.  A missing package
# stops the build and is named: the worker's seccomp filter is not optional.
PKG_ALL     = $(LUA_PC) $(CURSES_PC) $(SECCOMP_PC)
pkg_has     = $(shell $(PKG_CONFIG) --exists $(1) 2>/dev/null && echo y)
pkg_missing = $(strip $(foreach p,$(PKG_ALL),$(if $(call pkg_has,$(p)),,$(p))))
pkg_check   = $(if $(call pkg_has,$(PKG_ALL)),,$(error pkg-config finds no \
              $(pkg_missing): run `make deps` (Debian) or set LUA_PC, \
              CURSES_PC and SECCOMP_PC))
pkg_query   = $(pkg_check)$(shell $(PKG_CONFIG) $(1) $(PKG_ALL))
PKG_CFLAGS  = $(eval PKG_CFLAGS := $(filter-out -D_XOPEN_SOURCE=% \
              -D_DEFAULT_SOURCE,$(call pkg_query,--cflags)))$(PKG_CFLAGS)
PKG_LIBS    = $(eval PKG_LIBS := $(call pkg_query,--libs))$(PKG_LIBS)

# `make deps test` (even with -j): everything waits for deps to finish.
AFTER_DEPS  = $(filter deps deps-crosscheck deps-bench,$(MAKECMDGOALS))

WARN        = -Wall -Wextra -Wno-unused-parameter
NNT_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE=700 \
              -D_DEFAULT_SOURCE $(WARN) -ffp-contract=off -Iinclude -Icore \
              -DNNT_VERSION='"$(VERSION)"' \
              -DNNT_PLUGIN_DIR='"$(LIBDIR)/nntutor/plugins"' \
              -DNNT_DATA_DIR='"$(DATADIR)/nntutor"' \
              -DNNT_INCLUDE_DIR='"$(INCLUDEDIR)"' \
              $(PKG_CFLAGS) $(CFLAGS)
NNT_LIBS    = $(PKG_LIBS) -ldl -lm $(LDFLAGS)
# Plugins and their library: every function and datum in a section of its
# own, so that linking with --gc-sections keeps only what a plugin uses.
PLUGIN_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -ffp-contract=off \
              -Iinclude -Iplugins/common -fPIC -fvisibility=hidden \
              -ffunction-sections -fdata-sections -Wno-psabi $(CFLAGS)
PLUGIN_LDFLAGS = -Wl,--gc-sections -lm $(LDFLAGS)

CORE_SRC    = $(sort $(wildcard core/*.c))
CORE_OBJ    = $(CORE_SRC:core/%.c=$(BUILD)/core/%.o)
LIB_OBJ     = $(filter-out $(BUILD)/core/main.o,$(CORE_OBJ))
PLUGIN_DIRS = $(filter-out plugins/common,$(sort $(wildcard plugins/*)))
PLUGIN_SO   = $(PLUGIN_DIRS:plugins/%=$(BUILD)/plugins/%.so)
COMMON_SRC  = $(sort $(wildcard plugins/common/*.c))
COMMON_HDR  = $(sort $(wildcard plugins/common/nntutor/*.h))
COMMON_OBJ  = $(COMMON_SRC:plugins/common/%.c=$(BUILD)/plugins/common/%.o)
PLUGIN_LIB  = $(BUILD)/plugins/libnntutor-plugin.a
UNIT_SRC    = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN    = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FIXTURE_SRC = $(sort $(wildcard tests/fixtures/*.c))
FIXTURE_SO  = $(FIXTURE_SRC:tests/fixtures/%.c=$(BUILD)/fixtures/%.so)

.PHONY: all run test asan bench deps install uninstall clean check-build golden \
        crosscheck deps-crosscheck deps-bench

all: nntutor $(PLUGIN_SO)

# ./nntutor is a link to the build, so it finds build/plugins beside itself.
nntutor: $(BUILD)/nntutor
	ln -sf $(BUILD)/nntutor $@

$(BUILD)/nntutor: $(CORE_OBJ) | $(AFTER_DEPS)
	$(CC) $(NNT_CFLAGS) -o $@ $(CORE_OBJ) $(NNT_LIBS)

$(BUILD)/core/%.o: core/%.c $(wildcard core/*.h) include/nntutor/plugin.h \
		| $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NNT_CFLAGS) -c -o $@ $<

# The plugins' numeric library (plugins/common): built once, linked into
# every plugin, installed for plugins built outside the tree.  The linker
# takes from the archive only the members a plugin calls, and
# --gc-sections drops the unused functions of those members.
$(BUILD)/plugins/common/%.o: plugins/common/%.c $(COMMON_HDR) \
		include/nntutor/plugin.h | $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) -c -o $@ $<

$(PLUGIN_LIB): $(COMMON_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(COMMON_OBJ)

.SECONDEXPANSION:
$(BUILD)/plugins/%.so: $$(wildcard plugins/$$*/*.c plugins/$$*/*.h) \
		$(PLUGIN_LIB) $(COMMON_HDR) include/nntutor/plugin.h \
		| $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) -shared -o $@ \
		$(wildcard plugins/$*/*.c) $(PLUGIN_LIB) $(PLUGIN_LDFLAGS)

$(BUILD)/fixtures/%.so: tests/fixtures/%.c include/nntutor/plugin.h | $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) -shared -o $@ $< -lm $(LDFLAGS)

# Plugin unit tests link the plugin's sources directly, and the library
# (tests/plugins; test_common tests the library alone).
PTEST_SRC   = $(sort $(wildcard tests/plugins/test_*.c))
PTEST_BIN   = $(PTEST_SRC:tests/plugins/%.c=$(BUILD)/tests/%)

$(PTEST_BIN): $(BUILD)/tests/test_%: tests/plugins/test_%.c \
		$$(wildcard plugins/$$*/*.c plugins/$$*/*.h) $(PLUGIN_LIB) \
		$(COMMON_HDR) include/nntutor/plugin.h | $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(PLUGIN_CFLAGS) -Iplugins/$* -o $@ $< \
		$(filter-out plugins/common/%,$(wildcard plugins/$*/*.c)) \
		$(PLUGIN_LIB) -lcmocka $(PLUGIN_LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ) | $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NNT_CFLAGS) -o $@ $< $(LIB_OBJ) -lcmocka $(NNT_LIBS)

ARGS ?=
run: all | $(AFTER_DEPS)
	./nntutor $(ARGS)

check-build: $(BUILD)/nntutor $(PLUGIN_SO) $(UNIT_BIN) $(PTEST_BIN) \
		$(FIXTURE_SO)

test: all check-build | $(AFTER_DEPS)
	@BUILD=$(BUILD) NNTUTOR=$(BUILD)/nntutor BUSTED="$(BUSTED)" tests/run $(GROUPS)

# The whole suite under AddressSanitizer and UBSan, in a build beside ours.
# A failed allocation returns NULL as in a normal build (a lesson over its
# memory cap gets Lua's error, not an ASan report), and a small quarantine
# keeps freed memory from counting against a worker's cap.
asan: | $(AFTER_DEPS)
	$(MAKE) check-build BUILD=build-asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:allocator_may_return_null=1:quarantine_size_mb=16 \
	 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	 BUILD=build-asan NNTUTOR=build-asan/nntutor BUSTED="$(BUSTED)" \
	 NNT_ASAN=1 tests/run $(GROUPS)

BENCH_SRC   = $(sort $(wildcard tests/bench/*.c))
BENCH_BIN   = $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)

$(BUILD)/bench/%: tests/bench/%.c $(LIB_OBJ) $(PLUGIN_LIB) | $(AFTER_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NNT_CFLAGS) -Iplugins/common -o $@ $< $(LIB_OBJ) $(PLUGIN_LIB) \
		$(NNT_LIBS)

# Cross-checks against numpy, scikit-learn and PyTorch (make
# deps-crosscheck installs them; a student's make deps stays light).
crosscheck: all | $(AFTER_DEPS)
	@BUILD=$(BUILD) NNTUTOR=$(BUILD)/nntutor tests/crosscheck/run

deps-crosscheck:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
		python3-numpy python3-sklearn python3-torch

# The benchmarks' peers also run on Debian's serial OpenBLAS; make bench
# picks OpenBLAS or the reference BLAS per process (LD_LIBRARY_PATH), so
# the system's default (update-alternatives) does not matter, and
# installing OpenBLAS leaves that default as it was (Debian would switch
# every program on the machine to OpenBLAS).
deps-bench: deps-crosscheck
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	arch=$$(gcc -print-multiarch); \
	keep() { update-alternatives --query "$$1-$$arch" 2>/dev/null \
		| sed -n 's/^Value: //p'; }; \
	blas=$$(keep libblas.so.3); lapack=$$(keep liblapack.so.3); \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
		libopenblas0-serial && \
	{ [ -z "$$blas" ] || $$SUDO update-alternatives --quiet \
		--set "libblas.so.3-$$arch" "$$blas"; } && \
	{ [ -z "$$lapack" ] || $$SUDO update-alternatives --quiet \
		--set "liblapack.so.3-$$arch" "$$lapack"; }

bench: all $(BENCH_BIN) | $(AFTER_DEPS)
	@BUILD=$(BUILD) NNTUTOR=$(BUILD)/nntutor tests/bench/run

# Debian packages for building, testing and the e2e suite.
DEPS = build-essential pkg-config liblua5.4-dev lua5.4 libncurses-dev \
       libcmocka-dev libseccomp-dev lua-busted tmux python3 procps
deps:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEPS)

install: all | $(AFTER_DEPS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/nntutor/plugins \
		$(DESTDIR)$(DATADIR)/nntutor/lessons $(DESTDIR)$(DATADIR)/nntutor/lua \
		$(DESTDIR)$(INCLUDEDIR)/nntutor $(DESTDIR)$(LIBDIR)/pkgconfig \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 $(BUILD)/nntutor $(DESTDIR)$(BINDIR)/nntutor
	install -m 644 $(PLUGIN_SO) $(DESTDIR)$(LIBDIR)/nntutor/plugins/
	install -m 644 lessons/*.lua $(DESTDIR)$(DATADIR)/nntutor/lessons/
	cp -R lua/. $(DESTDIR)$(DATADIR)/nntutor/lua/
	install -m 644 include/nntutor/plugin.h $(COMMON_HDR) \
		tests/plugins/fake_host.h $(DESTDIR)$(INCLUDEDIR)/nntutor/
	install -m 644 $(PLUGIN_LIB) $(DESTDIR)$(LIBDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
	    -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    nntutor-plugin.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/nntutor-plugin.pc
	install -m 644 man/nntutor.1 $(DESTDIR)$(MANDIR)/man1/nntutor.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nntutor $(DESTDIR)$(MANDIR)/man1/nntutor.1 \
	      $(DESTDIR)$(LIBDIR)/pkgconfig/nntutor-plugin.pc \
	      $(DESTDIR)$(INCLUDEDIR)/nntutor/plugin.h \
	      $(DESTDIR)$(INCLUDEDIR)/nntutor/fake_host.h \
	      $(COMMON_HDR:plugins/common/%=$(DESTDIR)$(INCLUDEDIR)/%) \
	      $(DESTDIR)$(LIBDIR)/libnntutor-plugin.a
	rm -rf $(DESTDIR)$(LIBDIR)/nntutor $(DESTDIR)$(DATADIR)/nntutor
	-rmdir $(DESTDIR)$(INCLUDEDIR)/nntutor 2>/dev/null

clean:
	rm -rf build build-asan nntutor

# Rewrites the golden plain output of the lessons; read the diff after.
golden: all
	NNTUTOR=$(BUILD)/nntutor tests/lessons/update
