/** Hover, document links, definition, references, completion and rename: adapters from LSP to engine queries. */
import {
  type CompletionList,
  CompletionItemKind,
  type DocumentLink,
  type Hover,
  type Location,
  MarkupKind,
  type RenameFilesParams,
  type TextDocumentPositionParams,
  type WorkspaceEdit,
  type TextEdit,
} from 'vscode-languageserver';
import { definitionTargets, documentLinks, itemAt, itemHover, linkAt, pathCompletions, referenceSubject, referencesTo, renameEdits } from '../engine/queries';
import type { ServerContext } from './context';
import type { Folder } from './folders';

export class Features {
  constructor(private readonly ctx: ServerContext) {}

  private async locate(uri: string): Promise<{ folder: Folder; path: string } | undefined> {
    const located = this.ctx.folders.locate(uri);
    if (located) await located.folder.ready;
    return located;
  }

  async hover(params: TextDocumentPositionParams): Promise<Hover | null> {
    const at = await this.locate(params.textDocument.uri);
    if (!at) return null;
    const model = at.folder.engine.model();
    if (linkAt(model, at.path, params.position)) return null; // the editor's own link hover is better there
    const item = itemAt(model, at.path, params.position);
    if (!item) return null;
    return { contents: { kind: MarkupKind.Markdown, value: itemHover(model, item) }, range: item.titleRange ?? item.item.range };
  }

  async documentLinks(uri: string): Promise<DocumentLink[]> {
    const at = await this.locate(uri);
    if (!at) return [];
    return documentLinks(at.folder.engine.model(), at.path).map((l) => ({ range: l.range, target: at.folder.uriOf(l.target) }));
  }

  async definition(params: TextDocumentPositionParams): Promise<Location[]> {
    const at = await this.locate(params.textDocument.uri);
    if (!at) return [];
    return definitionTargets(at.folder.engine.model(), at.path, params.position).map((t) => ({ uri: this.ctx.uriOf(at.folder, t.path), range: t.range }));
  }

  /** The references to the file a link or code-span path at the position names, else to the document itself (its H1, say). */
  async references(params: TextDocumentPositionParams): Promise<Location[]> {
    const at = await this.locate(params.textDocument.uri);
    if (!at) return [];
    const model = at.folder.engine.model();
    return referencesTo(model, referenceSubject(model, at.path, params.position)).map((t) => ({ uri: this.ctx.uriOf(at.folder, t.path), range: t.range }));
  }

  async completion(params: TextDocumentPositionParams): Promise<CompletionList | null> {
    const at = await this.locate(params.textDocument.uri);
    const doc = this.ctx.documents.get(params.textDocument.uri);
    if (!at || !doc) return null;
    const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: { line: params.position.line + 1, character: 0 } }).replace(/\r?\n$/, '');
    const { items, incomplete } = pathCompletions(at.folder.engine.model(), at.path, line, params.position);
    if (items.length === 0) return null;
    return {
      isIncomplete: incomplete,
      items: items.map((c, i) => ({
        label: c.label,
        kind: CompletionItemKind.File,
        detail: c.path,
        sortText: String(i).padStart(5, '0'),
        filterText: c.label,
        textEdit: { range: c.range, newText: c.label },
      })),
    };
  }

  /** `workspace/willRenameFiles`: the edits that keep every link to (and inside) the moved files right. */
  async willRename(params: RenameFilesParams): Promise<WorkspaceEdit | null> {
    const byFolder = new Map<Folder, { oldPath: string; newPath: string }[]>();
    for (const file of params.files) {
      const from = this.ctx.folders.locate(file.oldUri);
      const to = this.ctx.folders.locate(file.newUri);
      if (!from || !to || from.folder !== to.folder) continue;
      let list = byFolder.get(from.folder);
      if (!list) byFolder.set(from.folder, (list = []));
      list.push({ oldPath: from.path, newPath: to.path });
    }
    const changes: Record<string, TextEdit[]> = {};
    for (const [folder, renames] of byFolder) {
      await folder.ready;
      for (const [p, edits] of renameEdits(folder.engine.model(), renames)) changes[this.ctx.uriOf(folder, p)] = edits;
    }
    return Object.keys(changes).length ? { changes } : null;
  }
}
