/**
Node options the installed command runs with, from its `#!` line. V8 sizes the young generation from
the host's memory, which let a 50,000-session maxtop grow to about twice its working set; 8 MB
semi-spaces keep it near what it holds, at no CPU cost measurable in the benchmark (which runs with
them too). `--expose-gc` lets the app start a major collection in the background after a large list
(source/hooks/use-poller.ts), which V8 on its own puts off while the heap grows to several times
what is live.
*/
export const cliNodeFlags = ['--max-semi-space-size=8', '--expose-gc'];
