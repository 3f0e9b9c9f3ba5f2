// The engine's index over the full shipped catalog and everyday knowledge, as the unit tests use it.
import { fullIndex } from "../../scripts/lib/engine-index";

export const catalogIndex = () => fullIndex();
