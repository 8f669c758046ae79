import path from 'node:path';

export const testDataDir = path.resolve(import.meta.dirname, '../../.test-data');
export const templateDumpPath = path.join(testDataDir, 'template.tar');
export const PG_TEMPLATE_DB = 'wpt_template';

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
