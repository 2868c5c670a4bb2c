/**
Node options the installed command runs with, from its `#!` line. V8 sizes the young generation from
the host's memory, which let a 50,000-session maxtop grow to about twice its working set; 8 MB
semi-spaces keep it near what it holds, at no CPU cost measurable in the benchmark (which runs with
them too).
*/
export const cliNodeFlags = ['--max-semi-space-size=8'];

