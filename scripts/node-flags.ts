/**
Node options the installed command runs with, from its `#!` line. V8 sizes the young generation
from the host's memory; at 50,000 sessions its default let maxtop grow to ~490 MB resident, and
16 MB semi-spaces hold it near 405 MB for the same CPU (4 MB reached ~290 MB but cost ~30% more
CPU in collections). The benchmark runs with them too.
*/
export const cliNodeFlags = ['--max-semi-space-size=16'];
