/** How a status line is coloured; the look maps each tone to a theme colour. */
export type Tone = 'normal' | 'error' | 'warning' | 'dim';
export type ToneLine = {text: string; tone: Tone};
/** One screen line as `TextLine` draws it. */
export type StyledLine = {text: string; tone?: Tone; bold?: boolean; inverse?: boolean};
export type PaneSize = {height: number; width: number; ascii?: boolean};
