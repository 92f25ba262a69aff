# mockroom as a command-line tool. The work is in scripts/package.
#   make                       build the release binary, man pages and completions
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make uninstall [PREFIX=/usr/local] [DESTDIR=]
#   make deb [DEBDIR=.]        mockroom_<version>_<arch>.deb
#   make test                  every test (the same as scripts/test)
PREFIX ?= /usr/local
DESTDIR ?=
DEBDIR ?= .

.PHONY: all install uninstall deb test
all:
	scripts/package build
install:
	scripts/package install "$(PREFIX)" "$(DESTDIR)"
uninstall:
	scripts/package uninstall "$(PREFIX)" "$(DESTDIR)"
deb:
	scripts/package deb "$(DEBDIR)"
test:
	scripts/test
