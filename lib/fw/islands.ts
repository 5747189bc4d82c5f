import { type ComponentChild, type ComponentType, h, options, type VNode } from "preact";

/** Where an island component comes from: its file under islands/ and its export name. */
export interface IslandRef {
  file: string;
  exportName: string;
}

/** One render's record of the islands it placed, in document order. */
export class IslandCollector {
  readonly files = new Set<string>();
  readonly props: Record<string, unknown>[] = [];

  add(ref: IslandRef, props: Record<string, unknown>): number {
    this.files.add(ref.file);
    return this.props.push(props) - 1;
  }
}

const islandRefs = new Map<unknown, IslandRef>();
let collector: IslandCollector | null = null;

/** Registers every component exported by the island modules of the manifest. */
export function registerIslands(islands: Record<string, Record<string, unknown>>): void {
  for (const [file, mod] of Object.entries(islands)) {
    for (const [exportName, value] of Object.entries(mod)) {
      if (typeof value === "function") islandRefs.set(value, { file, exportName });
    }
  }
}

/** Runs a synchronous render with island collection on; returns what was placed. */
export function collectIslands<T>(render: () => T): { result: T; islands: IslandCollector } {
  const islands = new IslandCollector();
  const previous = collector;
  collector = islands;
  try {
    return { result: render(), islands };
  } finally {
    collector = previous;
  }
}

interface BoundaryProps {
  island: IslandRef;
  component: ComponentType<Record<string, unknown>>;
  props: Record<string, unknown>;
}

/**
 * Inside an island, nested islands are ordinary components of the parent's tree. The flag travels
 * in Preact's legacy child context rather than a `createContext` provider: a provider per island
 * makes each page render survive V8's young-generation collections until the next full GC
 * (see docs/BENCHMARKS.md), and the shared objects below allocate nothing per render.
 */
const INSIDE_ISLAND = "rsmInsideIsland";
const insideIsland = { [INSIDE_ISLAND]: true };
const outsideIsland = { [INSIDE_ISLAND]: false };
function enterIsland() {
  return insideIsland;
}
function leaveIsland() {
  return outsideIsland;
}

interface LegacyContextOwner {
  getChildContext?: () => object;
}

/**
 * Server side of an island: marks the DOM range it owns, records its props for the browser,
 * and renders JSX children as server-only HTML inside <rsm-slot> (islands in them stay islands).
 */
function IslandBoundary(
  this: LegacyContextOwner,
  { island, component, props }: BoundaryProps,
  context: Record<string, unknown> | undefined,
): ComponentChild {
  if (context?.[INSIDE_ISLAND] || !collector) return unwrapped(component, props);
  this.getChildContext = enterIsland;
  const { children, ...serializable } = props;
  const index = collector.add(island, serializable);
  const slot = children === undefined ? undefined : h(SlotBoundary, null, children as VNode);
  return h(
    "rsm-island",
    { "data-island": `${island.file}#${island.exportName}`, "data-props": String(index) },
    unwrapped(component, slot ? { ...serializable, children: slot } : serializable),
  );
}

/** The server HTML of an island's children: islands placed in it are islands again. */
function SlotBoundary(this: LegacyContextOwner, { children }: { children?: ComponentChild }): ComponentChild {
  this.getChildContext = leaveIsland;
  return h("rsm-slot", null, children);
}

let creatingUnwrapped = false;

/** The island component itself, exempt from being wrapped in a boundary again. */
function unwrapped(component: ComponentType<Record<string, unknown>>, props: Record<string, unknown>): VNode {
  creatingUnwrapped = true;
  try {
    return h(component, props);
  } finally {
    creatingUnwrapped = false;
  }
}

const previousVNodeHook = options.vnode;
options.vnode = (vnode: VNode) => {
  const island = creatingUnwrapped ? undefined : islandRefs.get(vnode.type);
  if (island) {
    const component = vnode.type as ComponentType<Record<string, unknown>>;
    vnode.props = { island, component, props: vnode.props } as unknown as typeof vnode.props;
    vnode.type = IslandBoundary as unknown as typeof vnode.type;
  }
  previousVNodeHook?.(vnode);
};
