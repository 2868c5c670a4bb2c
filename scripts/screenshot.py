#!/usr/bin/env python3
"""Turn `tmux capture-pane -e -p` output (text with SGR colour codes) into an SVG, then a PNG
with rsvg-convert (Debian's librsvg2-bin) or ImageMagick: how the readme's docs/screen.png is made from a real terminal run.

    tmux capture-pane -e -p -t demo > screen.ansi
    python3 scripts/screenshot.py screen.ansi docs/screen.png
"""
import html
import shutil
import re
import subprocess
import sys

PALETTE = {30: '#1e1e1e', 31: '#cd3131', 32: '#0dbc79', 33: '#e5e510', 34: '#2472c8', 35: '#bc3fbc',
           36: '#11a8cd', 37: '#e5e5e5', 90: '#666666', 91: '#f14c4c', 92: '#23d18b', 93: '#f5f543',
           94: '#3b8eea', 95: '#d670d6', 96: '#29b8db', 97: '#ffffff'}
FG, BG = '#d4d4d4', '#1e1e1e'
CELL_W, CELL_H = 8.4, 17

def parse(line, state):
    # capture-pane -e repeats no attribute at a line start: the state carries over from the line before.
    spans, column = [], 0
    for part in re.split(r'(\x1b\[[0-9;]*m)', line):
        if part.startswith('\x1b['):
            codes = [int(c) if c else 0 for c in part[2:-1].split(';')]
            i = 0
            while i < len(codes):
                c = codes[i]
                if c == 0: state = {'fg': None, 'bg': None, 'bold': False, 'dim': False, 'inverse': False}
                elif c == 1: state['bold'] = True
                elif c == 2: state['dim'] = True
                elif c == 7: state['inverse'] = True
                elif c == 22: state['bold'] = state['dim'] = False
                elif c == 27: state['inverse'] = False
                elif c == 39: state['fg'] = None
                elif c == 49: state['bg'] = None
                elif c in PALETTE: state['fg'] = PALETTE[c]
                elif 40 <= c <= 47: state['bg'] = PALETTE[c - 10]
                elif c in (38, 48) and i + 1 < len(codes):
                    i += 2 if codes[i + 1] == 5 else 4
                i += 1
        elif part:
            spans.append((column, part, dict(state)))
            column += len(part)
    return spans, state

def main(source, target):
    lines = open(source, encoding='utf-8').read().rstrip('\n').split('\n')
    columns = max(80, max((len(re.sub(r'\x1b\[[0-9;]*m', '', l)) for l in lines), default=0))
    width, height = int(columns * CELL_W + 20), int(len(lines) * CELL_H + 20)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">',
           f'<rect width="100%" height="100%" fill="{BG}"/>']
    state = {'fg': None, 'bg': None, 'bold': False, 'dim': False, 'inverse': False}
    for row, line in enumerate(lines):
        y = 10 + row * CELL_H
        spans, state = parse(line, state)
        for column, text, s in spans:
            fg, bg = s['fg'] or FG, s['bg']
            if s['inverse']:
                fg, bg = bg or BG, fg
            x = 10 + column * CELL_W
            if bg:
                out.append(f'<rect x="{x}" y="{y}" width="{len(text) * CELL_W}" height="{CELL_H}" fill="{bg}"/>')
            weight = 'bold' if s['bold'] else 'normal'
            opacity = '0.6' if s['dim'] else '1'
            # One element per cell: ImageMagick's SVG reader collapses spaces and ignores
            # textLength, which misaligned the columns.
            for offset, character in enumerate(text):
                if character != ' ':
                    out.append(f'<text x="{x + offset * CELL_W}" y="{y + 13}" fill="{fg}" fill-opacity="{opacity}" '
                               f'font-family="DejaVu Sans Mono" font-size="14" font-weight="{weight}">{html.escape(character)}</text>')
    out.append('</svg>')
    svg = target.rsplit('.', 1)[0] + '.svg'
    open(svg, 'w', encoding='utf-8').write('\n'.join(out))
    # librsvg draws text cleanly; ImageMagick's own SVG reader is the fallback.
    rsvg = shutil.which('rsvg-convert')
    command = [rsvg, '--zoom', '1.25', '-o', target, svg] if rsvg else [shutil.which('convert', path='/usr/bin') or 'convert', '-density', '120', svg, target]
    subprocess.run(command, check=True)

if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
