// `/`: the gallery of teaching demos and the user's own flows.
import { FlowGallery } from "./components/FlowGallery";

export default function GalleryPage() {
  return <FlowGallery />;
}
