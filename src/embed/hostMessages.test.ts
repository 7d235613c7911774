import { describe, expect, it } from 'vitest';
import { hopMessage } from './protocol';
import { MAX_HEIGHT, pageMessage, readWidgetMessage } from './hostMessages';
import { pagingDirection } from './paging';

describe("a host's reading of the widget's messages", () => {
  it.each([
    [{ type: 'ambient-walk:ready' }, { type: 'ambient-walk:ready' }],
    [
      { type: 'ambient-walk:resize', height: 612.4 },
      { type: 'ambient-walk:resize', height: 613 },
    ],
    [
      { type: 'ambient-walk:resize', height: 1e9 },
      { type: 'ambient-walk:resize', height: MAX_HEIGHT },
    ],
    [pageMessage('next'), { type: 'ambient-walk:page', direction: 'next' }],
    [hopMessage(3, 49, 'ztunnel'), hopMessage(3, 49, 'ztunnel')],
  ])('reads %j', (data, value) => {
    expect(readWidgetMessage(data)).toEqual(value);
  });

  it.each([
    null,
    'ambient-walk:ready',
    { type: 'ambient-walk:resize', height: '600' },
    { type: 'ambient-walk:resize', height: -1 },
    { type: 'ambient-walk:resize', height: Number.NaN },
    { type: 'ambient-walk:page', direction: 'down' },
    { type: 'ambient-walk:page' },
    { type: 'ambient-walk:hop', index: 3, hop: 3, total: 49, title: 'x' },
    { type: 'ambient-walk:hop', index: 49, hop: 50, total: 49, title: 'x' },
    { type: 'ambient-walk:hop', index: 0, hop: 1, total: 49 },
    { type: 'ambient-walk:command', command: 'next' },
    Object.create({ type: 'ambient-walk:ready' }) as object,
  ])('ignores %j', (data) => {
    expect(readWidgetMessage(data)).toBeUndefined();
  });
});

describe('paging keys', () => {
  const key = (k: string, mods: Partial<Record<'altKey' | 'shiftKey', boolean>> = {}) => ({
    key: k,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    ...mods,
  });

  it("page with a clicker's keys and the arrows, never with Space or a modifier", () => {
    expect(pagingDirection(key('PageDown'))).toBe('next');
    expect(pagingDirection(key('ArrowRight'))).toBe('next');
    expect(pagingDirection(key('PageUp'))).toBe('prev');
    expect(pagingDirection(key('ArrowLeft'))).toBe('prev');
    expect(pagingDirection(key(' '))).toBeUndefined();
    expect(pagingDirection(key('n'))).toBeUndefined();
    expect(pagingDirection(key('ArrowRight', { shiftKey: true }))).toBeUndefined();
    expect(pagingDirection(key('PageDown', { altKey: true }))).toBeUndefined();
  });
});
