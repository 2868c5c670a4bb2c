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

