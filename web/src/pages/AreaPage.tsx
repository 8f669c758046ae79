import { ComingNext } from '../components/ComingNext.tsx';
import type { Area } from '../shell/areas.ts';

export function AreaPage({ area }: { area: Area }) {
  return <ComingNext area={area} />;
}
