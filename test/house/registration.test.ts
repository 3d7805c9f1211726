import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AuditEventInput } from '../../src/server/audit-events.js';
import { errorCatalogue } from '../../src/shared/errors.js';

/*
 * A room registers itself in a few lists (docs/adding-a-room.md): its manifest in rooms.ts, its
 * tables in tables.ts, its audit events in audit-events.ts, its error codes in shared/errors.ts.
 * A room that wrote its file and forgot its line would have events refused at run time, or tables
 * drizzle-kit never sees: these stories catch the forgotten line, and the same name claimed twice.
 */
const root = path.resolve(import.meta.dirname, '../..');
const modules = path.join(root, 'src/server/modules');
const rooms = readdirSync(modules).filter((name) => existsSync(path.join(modules, name, 'room.ts')));
const roomsWith = (file: string) => rooms.filter((room) => existsSync(path.join(modules, room, file)));
const source = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('each room is registered once, in every list it belongs to', () => {
  it('every room with a manifest is in the list of rooms the app and the boot loop over', () => {
    const list = source('src/server/rooms.ts');
    expect(rooms.length).toBeGreaterThanOrEqual(10);
    for (const room of rooms) expect(list, room).toContain(`./modules/${room}/room.js`);
  });

  it("every room's tables are among the app's tables", () => {
    const tables = source('src/server/tables.ts');
    for (const room of roomsWith('schema.ts')) expect(tables, room).toContain(`./modules/${room}/schema.js`);
  });

  it('every audit event a room defines is one the trail accepts, and no two rooms define the same', async () => {
    const accepted = AuditEventInput.options.map((kind) => kind.shape.action.value as string);
    const defined: string[] = [];
    for (const room of roomsWith('audit-events.ts')) {
      const exports = await import(pathToFileURL(path.join(modules, room, 'audit-events.ts')).href);
      const kinds = exports[`${room}AuditEvents`] as { shape: { action: { value: string } } }[];
      expect(kinds, `${room}/audit-events.ts exports ${room}AuditEvents`).toBeDefined();
      for (const kind of kinds) {
        expect(accepted, `${kind.shape.action.value} of ${room}`).toContain(kind.shape.action.value);
        defined.push(kind.shape.action.value);
      }
    }
    expect(new Set(defined).size).toBe(defined.length);
    expect(defined.sort()).toEqual([...accepted].sort());
  });

  it('every error code is defined by one file only, and every file is in the catalogue', async () => {
    const folder = path.join(root, 'src/shared/errors');
    const codes: string[] = [];
    for (const file of readdirSync(folder).filter((name) => name !== 'entry.ts')) {
      const exports = await import(pathToFileURL(path.join(folder, file)).href);
      for (const entries of Object.values(exports)) codes.push(...Object.keys(entries as object));
    }
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.sort()).toEqual(Object.keys(errorCatalogue).sort());
  });
});
