import type cytoscape from 'cytoscape';

// Undo and redo for canvas work: each step keeps what the canvas held before it (every element
// with its data, position and classes such as pinned, hidden or expanded) and the view state,
// so undoing puts back exactly what the user saw, positions included. Steps that changed
// nothing are not kept.

export interface CanvasSnapshot<S> {
  elements: cytoscape.ElementDefinition[];
  state: S;
  /** what the step was, for the button's tooltip ("Undo expand") */
  what: string;
}

const MAX_STEPS = 50;

export class CanvasHistory<S> {
  private readonly undos: CanvasSnapshot<S>[] = [];
  private readonly redos: CanvasSnapshot<S>[] = [];

  /** `step`: a new step was kept; `travel`: undo or redo; `clear`: all forgotten */
  constructor(private readonly onChange: (how: 'step' | 'travel' | 'clear') => void = () => undefined) {}

  /** how many steps there are to undo: where the canvas stands in its history */
  get depth(): number { return this.undos.length; }

  get canUndo(): boolean { return this.undos.length > 0; }
  get canRedo(): boolean { return this.redos.length > 0; }
  get nextUndo(): string | null { return this.undos.at(-1)?.what ?? null; }
  get nextRedo(): string | null { return this.redos.at(-1)?.what ?? null; }

  /** Keeps `before` as an undo step when the canvas now differs from it; a new step clears redo. */
  push(before: CanvasSnapshot<S>, now: CanvasSnapshot<S>): boolean {
    if (sameCanvas(before, now)) return false;
    this.undos.push(before);
    if (this.undos.length > MAX_STEPS) this.undos.shift();
    this.redos.length = 0;
    this.onChange('step');
    return true;
  }

  /** The snapshot to go back to, given what is on the canvas now (kept for redo). */
  undo(now: CanvasSnapshot<S>): CanvasSnapshot<S> | null {
    return this.move(this.undos, this.redos, now);
  }

  redo(now: CanvasSnapshot<S>): CanvasSnapshot<S> | null {
    return this.move(this.redos, this.undos, now);
  }

  /** Takes the last step of `from`, keeping `now` on `to` under the same name. */
  private move(from: CanvasSnapshot<S>[], to: CanvasSnapshot<S>[], now: CanvasSnapshot<S>): CanvasSnapshot<S> | null {
    const step = from.pop();
    if (!step) return null;
    to.push({ ...now, what: step.what });
    this.onChange('travel');
    return step;
  }

  clear(): void {
    this.undos.length = 0;
    this.redos.length = 0;
    this.onChange('clear');
  }
}

export function snapshot<S>(cy: cytoscape.Core, state: S, what: string): CanvasSnapshot<S> {
  return { elements: cy.elements().jsons() as unknown as cytoscape.ElementDefinition[], state: structuredClone(state), what };
}

/** Puts a snapshot's elements back, as they were. */
export function putBack(cy: cytoscape.Core, snap: CanvasSnapshot<unknown>): void {
  cy.batch(() => {
    cy.elements().remove();
    cy.add(structuredClone(snap.elements));
  });
}

function sameCanvas(a: CanvasSnapshot<unknown>, b: CanvasSnapshot<unknown>): boolean {
  if (a.elements.length !== b.elements.length) return false;
  if (JSON.stringify(a.state) !== JSON.stringify(b.state)) return false;
  const key = (e: cytoscape.ElementDefinition) => {
    const p = e.position;
    return `${e.data.id}|${(e as { classes?: string }).classes ?? ''}|${p ? `${Math.round(p.x)},${Math.round(p.y)}` : ''}`;
  };
  const keys = new Set(a.elements.map(key));
  return b.elements.every((e) => keys.has(key(e)));
}
