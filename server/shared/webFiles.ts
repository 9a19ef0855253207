/**
 * How the browser server reads the workspace: it runs in a web worker with no
 * disk, so it asks the extension, which answers with `vscode.workspace.fs`
 * (client/browserFiles.ts). URIs are those of the workspace folders (any
 * scheme: vscode-vfs on github.dev, vscode-test-web in the tests). The
 * extension answers only for URIs inside a workspace folder.
 */
import type { ReadResult } from '../engine/workspace';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export const FileRequests = {
  /** `{ uri }` → `[name, kind][]` of a folder. */
  readDirectory: 'roadmapGovernance/fs/readDirectory',
  /** `{ uri }` → `{ kind, size }`, or null when nothing is there. */
  stat: 'roadmapGovernance/fs/stat',
  /** `{ uri, maxSize }` → a `ReadResult` (the text without its byte order mark, or why it was skipped). */
  readFile: 'roadmapGovernance/fs/readFile',
  /** `{ uri, content }`: creates a file (and its folders) through a WorkspaceEdit; fails when it exists. */
  createFile: 'roadmapGovernance/fs/createFile',
  /** `{ uri, content }`: replaces an existing file's text, keeping its byte order mark. */
  writeFile: 'roadmapGovernance/fs/writeFile',
} as const;

export interface UriParams {
  uri: string;
}
export interface ReadFileParams extends UriParams {
  maxSize: number;
}
export interface WriteFileParams extends UriParams {
  content: string;
}
export interface StatResult {
  kind: EntryKind;
  size: number;
}

/** vscode.FileType bits (Unknown 0, File 1, Directory 2, SymbolicLink 64) to a kind. */
export function kindOfFileType(type: number): EntryKind {
  return type & 64 ? 'symlink' : type & 2 ? 'directory' : type & 1 ? 'file' : 'other';
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** A file's bytes as the engine reads them: what the disk adapter (FsWorkspace.readFile) would give. */
export function readResultOf(bytes: Uint8Array, maxSize: number): ReadResult {
  if (bytes.length > maxSize) return { kind: 'skipped', reason: `${bytes.length} bytes is over the ${maxSize}-byte limit (maxFileSize)` };
  if (bytes.subarray(0, 8192).includes(0)) return { kind: 'skipped', reason: 'binary content (NUL bytes)' };
  return { kind: 'text', text: UTF8.decode(bytes).replace(/^\uFEFF/, '') };
}

/** Whether bytes begin with the UTF-8 byte order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}
