import {createContext, useContext} from 'react';
import {themeColors, type ThemeColors} from '../model/color.js';
import type {Theme} from '../model/types.js';

/**
How the screen is drawn this run: the theme's colours (all undefined for `mono`, `NO_COLOR`,
`--color never`, so no colour prop reaches Ink at all).
*/
export type Look = {colors: ThemeColors};

export function createLook(theme: Theme): Look {
	return {colors: themeColors(theme)};
}

/** Without a provider (component tests): the dark theme, as before themes existed. */
export const LookContext = createContext<Look>(createLook('dark'));

export function useLook(): Look {
	return useContext(LookContext);
}
