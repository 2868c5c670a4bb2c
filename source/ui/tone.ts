/**
How a status line is coloured; the look maps each tone to a theme colour.
*/
export type Tone = 'normal' | 'error' | 'warning' | 'dim';
export type ToneLine = {text: string; tone: Tone};
