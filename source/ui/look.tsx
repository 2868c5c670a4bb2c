import {createContext, useContext} from 'react';
import {glyphs, type Glyphs} from '../model/charset.js';
import {themeColors, type ThemeColors} from '../model/color.js';
import type {Theme} from '../model/types.js';

/**
How the screen is drawn this run: the theme's colours (all undefined for `mono`, `NO_COLOR`,
`--color never`, so no colour prop reaches Ink at all) and the glyph set.
*/
export type Look = {
	theme: Theme;
	colors: ThemeColors;
	glyphs: Glyphs;
	ascii: boolean;
};

export function createLook(theme: Theme, ascii: boolean): Look {
	return {
		theme, colors: themeColors(theme), glyphs: glyphs(!ascii), ascii,
	};
}

/** Without a provider (component tests): the dark theme with Unicode, as before themes existed. */
export const LookContext = createContext<Look>(createLook('dark', false));

export function useLook(): Look {
	return useContext(LookContext);
}
