import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow keys move a picked-up deal card one column left or right (the default moves 25 px per press, which takes
 * dozens of presses to cross a column and lands between them).
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context, currentCoordinates }) => {
  const step = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  if (!step) return undefined;
  event.preventDefault();
  const columns = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  if (!columns.length) return undefined;
  const width = context.collisionRect?.width ?? 0;
  const centre = currentCoordinates.x + width / 2;
  const here = columns.findIndex((rect) => centre >= rect.left && centre < rect.left + rect.width);
  const next = columns[Math.min(Math.max((here < 0 ? 0 : here) + step, 0), columns.length - 1)];
  return { x: next.left + Math.max(0, (next.width - width) / 2), y: next.top + 8 };
};
