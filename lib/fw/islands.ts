import { type ComponentChild, type ComponentType, createContext, h, options, type VNode } from "preact";
import { useContext } from "preact/hooks";

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

/** Inside an island, nested islands are ordinary components of the parent's tree. */
const InsideIsland = createContext(false);

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
 * Server side of an island: marks the DOM range it owns, records its props for the browser,
 * and renders JSX children as server-only HTML inside <rsm-slot> (islands in them stay islands).
 */
function IslandBoundary({ island, component, props }: BoundaryProps): ComponentChild {
  const nested = useContext(InsideIsland);
  if (nested || !collector) return unwrapped(component, props);
  const { children, ...serializable } = props;
  const index = collector.add(island, serializable);
  const slot = children === undefined
    ? undefined
    : h(InsideIsland.Provider, { value: false }, h("rsm-slot", null, children as VNode));
  return h(
    "rsm-island",
    { "data-island": `${island.file}#${island.exportName}`, "data-props": String(index) },
    h(
      InsideIsland.Provider,
      { value: true },
      unwrapped(component, slot ? { ...serializable, children: slot } : serializable),
    ),
  );
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
