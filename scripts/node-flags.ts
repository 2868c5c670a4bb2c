/**
Node options the installed command runs with, from its `#!` line. V8 sizes the young generation
from the host's memory; at 50,000 sessions its default let maxtop grow to ~490 MB resident, and
16 MB semi-spaces held it near 405 MB (4 MB reached ~290 MB but cost ~30% more CPU in
collections). Since the list replay stopped copying whole lists, 8 MB costs no more CPU than 16 MB
(refresh medians 45.5/48.1 against 48.9/44.5 ms at 10,000 sessions, 184/189 against 176/186 ms at
50,000) and keeps the command 15–20 MB lower (237/244 against 256/259 MB at 50,000). The
benchmark runs with them too.
*/
export const cliNodeFlags = ['--max-semi-space-size=8'];

/**
Environment the installed command runs with, also from its `#!` line (`env -S`). A list of 50,000
sessions arrives as ~950 socket reads of 64 KB, each a fresh allocation; glibc's malloc served
them from its heap and kept what they had used once they were freed, and the command's resident
memory climbed to 300–340 MB within two minutes. Allocations of 64 KB and more are mapped and
unmapped one by one instead: 240–255 MB, for about the same CPU. Only glibc reads it.
*/
export const cliEnvironment: Readonly<Record<string, string>> = {MALLOC_MMAP_THRESHOLD_: '65536'};
