// A slot on every canvas node for layers drawn over the studio (the live run's badges, counts and
// fault controls): a component given through this context is rendered inside each node card.
// Without a provider nothing is drawn; the studio itself knows nothing of what goes there.
import { createContext, type ComponentType } from "react";
import type { NodeKind } from "@/server/flow/graph";

export interface NodeOverlayProps {
  id: string;
  kind: NodeKind;
}

export const NodeOverlayContext = createContext<ComponentType<NodeOverlayProps> | null>(null);
