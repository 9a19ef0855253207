/**
 * Answers the server's file requests (server/shared/webFiles.ts) with
 * `vscode.workspace.fs`, for the folders it cannot read itself: every folder
 * for the server in its web worker, the folders of a virtual workspace for
 * the Node server. Only URIs inside a workspace folder are answered; a file is
 * created through a WorkspaceEdit (undoable, never over an existing file).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { FileRequests, hasBom, kindOfFileType, type ReadFileParams, readResultOf, type StatResult, type UriParams, type WriteFileParams } from '../server/shared/webFiles';

function inWorkspace(uri: string): vscode.Uri {
  const parsed = vscode.Uri.parse(uri);
  if (!vscode.workspace.getWorkspaceFolder(parsed)) throw new Error(`${uri} is not in a workspace folder`);
  return parsed;
}

async function stat(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch (error) {
    if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
    throw error;
  }
}

const encoder = new TextEncoder();

/** Registers the handlers on a client before it starts; they go with it when it is disposed (a restart makes a new client). */
export function serveWorkspaceFiles(client: BaseLanguageClient): void {
  client.onRequest(FileRequests.readDirectory, async ({ uri }: UriParams) =>
    (await vscode.workspace.fs.readDirectory(inWorkspace(uri))).map(([name, type]) => [name, kindOfFileType(type)]),
  );
  client.onRequest(FileRequests.stat, async ({ uri }: UriParams): Promise<StatResult | null> => {
    const found = await stat(inWorkspace(uri));
    return found ? { kind: kindOfFileType(found.type), size: found.size } : null;
  });
  client.onRequest(FileRequests.readFile, async ({ uri, maxSize }: ReadFileParams) => {
    const target = inWorkspace(uri);
    const found = await stat(target);
    if (!found) return { kind: 'error', message: 'ENOENT' };
    if (kindOfFileType(found.type) !== 'file') return { kind: 'skipped', reason: 'not a regular file' };
    if (found.size > maxSize) return { kind: 'skipped', reason: `${found.size} bytes is over the ${maxSize}-byte limit (maxFileSize)` };
    return readResultOf(await vscode.workspace.fs.readFile(target), maxSize);
  });
  client.onRequest(FileRequests.createFile, async ({ uri, content }: WriteFileParams) => {
    const target = inWorkspace(uri);
    if (await stat(target)) throw new Error(`${vscode.workspace.asRelativePath(target)} already exists; it was not overwritten`);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: encoder.encode(content) });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`The editor did not create ${vscode.workspace.asRelativePath(target)}`);
  });
  client.onRequest(FileRequests.writeFile, async ({ uri, content }: WriteFileParams) => {
    const target = inWorkspace(uri);
    const before = await vscode.workspace.fs.readFile(target);
    const bom = hasBom(before) && !content.startsWith('\uFEFF');
    await vscode.workspace.fs.writeFile(target, encoder.encode(bom ? '\uFEFF' + content : content));
  });
}
