// The slice of ncursesw that mockroom's terminal layer uses.
// NCURSES_WIDECHAR must be set before <ncurses.h>: SwiftPM drops the -D_XOPEN_SOURCE that
// ncursesw.pc supplies, and without it the wide-character API (wget_wch, cchar_t) is hidden.
#ifndef MOCKROOM_CNCURSES_SHIM_H
#define MOCKROOM_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncurses.h>
#include <wchar.h>

// Function-like macros do not import into Swift; these wrappers do.
static inline attr_t mr_a_bold(void) { return A_BOLD; }
static inline attr_t mr_a_reverse(void) { return A_REVERSE; }
static inline attr_t mr_a_dim(void) { return A_DIM; }
static inline attr_t mr_a_underline(void) { return A_UNDERLINE; }
static inline attr_t mr_a_normal(void) { return A_NORMAL; }
static inline attr_t mr_color_pair(short n) { return COLOR_PAIR(n); }
static inline int mr_key_resize(void) { return KEY_RESIZE; }
static inline int mr_key_code_yes(void) { return KEY_CODE_YES; }
static inline int mr_key_up(void) { return KEY_UP; }
static inline int mr_key_down(void) { return KEY_DOWN; }
static inline int mr_key_ppage(void) { return KEY_PPAGE; }
static inline int mr_key_npage(void) { return KEY_NPAGE; }
static inline int mr_key_home(void) { return KEY_HOME; }
static inline int mr_key_end(void) { return KEY_END; }
static inline int mr_key_left(void) { return KEY_LEFT; }
static inline int mr_key_right(void) { return KEY_RIGHT; }
static inline int mr_key_backspace(void) { return KEY_BACKSPACE; }
static inline int mr_key_enter(void) { return KEY_ENTER; }
// Whether the terminal can move the cursor to a place (terminfo's cup): a "dumb" terminal
// cannot, and would show one frozen line.
static inline int mr_can_place_cursor(void) {
  const char *cup = tigetstr("cup");
  return cup != NULL && cup != (const char *)-1;
}
// C globals are not concurrency-safe in Swift 6; reading them through a function is.
static inline WINDOW *mr_stdscr(void) { return stdscr; }

#endif
