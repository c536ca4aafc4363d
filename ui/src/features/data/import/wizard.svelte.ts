// The import wizard's state and its calls to the backend. The backend keeps nothing between
// calls: every step sends the path and the settings again, so going back and forth is free
// and what the preview shows is what the commit does (both plan the same way).
import {
  chooseFile,
  commands,
  errorMessage,
  toApiFailure,
  type ApiError,
  type CellEdit,
  type ImportBatch,
  type ImportField,
  type ImportPreset,
  type ImportPreview,
  type ImportSettings,
  type ImportSource,
  type ImportTarget,
  type MatchOn,
  type OnMatch,
  type PreviewFilter,
  type ReadChoice,
  type Stage,
} from '$ipc';
import { t } from '$lib/i18n/index.svelte';
import { validationLabel } from '$lib/vocab';
import {
  PAGE_SIZE,
  buildSettings,
  columnName,
  columnOfError,
  duplicateColumns,
  hasNameColumn,
  presetColumns,
  rowOfError,
  setEdit,
  needNameText,
} from './import';

export type Step = 'file' | 'columns' | 'preview' | 'done';
export const STEPS: readonly Step[] = ['file', 'columns', 'preview', 'done'];

/** The spreadsheet files the system's file window offers. */
const SPREADSHEET_EXTENSIONS = ['csv', 'xlsx', 'txt', 'tsv'];

/** The sentence for a failed import command. */
export function importErrorText(error: ApiError): string {
  if (error.code === 'file_read') return t('import.file.unreadable');
  if (error.code === 'validation' && error.kind) {
    const text = validationLabel(error.kind);
    const row = rowOfError(error.field);
    if (row !== null) return t('import.file.atRow', { row, problem: text });
    if (error.field === 'sheet') return t('import.file.noSheet');
    return text;
  }
  return errorMessage(error);
}

export class ImportWizard {
  step = $state<Step>('file');
  target = $state<ImportTarget>('households');
  /** The path as typed or chosen. */
  path = $state('');
  /** The path the source was read from; later steps use it even if the field is edited. */
  readPath = $state<string | null>(null);
  /** Encoding, delimiter and sheet the user chose; null fields are detected. */
  read = $state<ReadChoice>({ encoding: null, delimiter: null, sheet: null });
  source = $state<ImportSource | null>(null);
  reading = $state(false);
  fileError = $state<string | null>(null);

  fields = $state<ImportField[]>([]);
  columns = $state<(ImportField | null)[]>([]);
  matchOn = $state<MatchOn>('contact');
  onMatch = $state<OnMatch>('update');
  tagsText = $state('');
  stage = $state<Stage | null>(null);
  presets = $state<ImportPreset[]>([]);
  /** The name of the preset the backend applied when reading the file. */
  presetUsed = $state<string | null>(null);
  /** What stops the preview: no name column, or a column the backend refused. */
  columnsError = $state<string | null>(null);
  refusedColumn = $state<{ column: number; message: string } | null>(null);

  edits = $state<CellEdit[]>([]);
  /** Cells corrected since the preview last ran. */
  dirty = $state(false);
  preview = $state<ImportPreview | null>(null);
  filter = $state<PreviewFilter>('all');
  offset = $state(0);
  previewing = $state(false);
  previewError = $state<string | null>(null);

  committing = $state(false);
  commitError = $state<string | null>(null);
  batch = $state<ImportBatch | null>(null);

  /** Each preview gets a number; a slower, older answer must not overwrite a newer one. */
  #generation = 0;
  #onImported: () => void;

  constructor(onImported: () => void) {
    this.#onImported = onImported;
  }

  /** Per column: the earlier column with the same field, or null. */
  get duplicates(): (number | null)[] {
    return duplicateColumns(this.columns);
  }

  get headers(): string[] {
    return this.source?.headers ?? [];
  }

  settings(): ImportSettings {
    return buildSettings({
      target: this.target,
      read: this.read,
      columns: this.columns,
      matchOn: this.matchOn,
      onMatch: this.onMatch,
      edits: this.edits,
      tagsText: this.tagsText,
      stage: this.stage,
    });
  }

  /** Opens the system's file window; a chosen file is read at once. */
  async choose(): Promise<void> {
    try {
      const picked = await chooseFile({
        title: t('import.file.chooseTitle'),
        filters: [{ name: t('import.file.filterName'), extensions: SPREADSHEET_EXTENSIONS }],
      });
      if (picked === null) return;
      this.path = picked;
      this.read = { encoding: null, delimiter: null, sheet: null };
      await this.readFile();
    } catch (caught) {
      this.fileError = errorMessage(toApiFailure(caught));
    }
  }

  /** Reads the file in the path field from scratch (detecting how it is written). */
  async readNew(): Promise<void> {
    this.read = { encoding: null, delimiter: null, sheet: null };
    await this.readFile();
  }

  /** Reads the file with the current read choices; a fresh read starts the columns over. */
  async readFile(): Promise<void> {
    const path = this.path.trim();
    if (path === '') {
      this.fileError = t('import.file.pathMissing');
      return;
    }
    this.reading = true;
    this.fileError = null;
    try {
      const [opened, fields, presets] = await Promise.all([
        commands.importOpen(path, this.target, this.read),
        commands.importFields(this.target),
        commands.importPresets(this.target),
      ]);
      if (opened.status === 'error') {
        this.fileError = importErrorText(opened.error);
        return;
      }
      const source = opened.data;
      this.source = source;
      this.readPath = path;
      this.fields = fields.status === 'ok' ? fields.data : [];
      this.presets = presets.status === 'ok' ? presets.data : [];
      this.columns = [...source.guess];
      this.presetUsed = source.preset?.name ?? null;
      if (source.preset) {
        this.matchOn = source.preset.mapping.match_on;
        this.onMatch = source.preset.mapping.on_match;
      }
      this.columnsError = null;
      this.refusedColumn = null;
      this.resetPreview();
      // Read again (another encoding, delimiter or sheet), the cells may be others.
      this.edits = [];
      this.batch = null;
    } catch (caught) {
      this.fileError = errorMessage(toApiFailure(caught));
    } finally {
      this.reading = false;
    }
  }

  /** Another target offers other fields and guesses: read the file again for it. */
  async changeTarget(target: ImportTarget): Promise<void> {
    if (target === this.target) return;
    this.target = target;
    this.stage = null;
    this.tagsText = '';
    if (this.source !== null) await this.readFile();
  }

  /** An encoding, delimiter or sheet chosen by hand: read the same file again with it. */
  async changeRead(change: Partial<ReadChoice>): Promise<void> {
    this.read = { ...this.read, ...change };
    if (this.readPath !== null) this.path = this.readPath;
    await this.readFile();
  }

  setColumn(column: number, field: ImportField | null): void {
    this.columns[column] = field;
    this.columnsError = null;
    if (this.refusedColumn?.column === column) this.refusedColumn = null;
    this.resetPreview();
  }

  /** A preview belongs to one set of choices; another choice asks for a new one. Corrected
   * cells stay: they are about the file, not about the mapping. */
  resetPreview(): void {
    this.#generation++;
    this.preview = null;
    this.previewing = false;
    this.previewError = null;
    this.dirty = false;
    this.filter = 'all';
    this.offset = 0;
  }

  applyPreset(preset: ImportPreset): void {
    this.columns = presetColumns(this.headers, preset);
    this.matchOn = preset.mapping.match_on;
    this.onMatch = preset.mapping.on_match;
    this.presetUsed = preset.name;
    this.columnsError = null;
    this.refusedColumn = null;
    this.resetPreview();
  }

  async savePreset(name: string): Promise<{ ok: true } | { ok: false; message: string }> {
    const result = await commands.saveImportPreset(name.trim(), this.headers, this.settings());
    if (result.status === 'error') {
      const e = result.error;
      if (e.code === 'validation' && e.field === 'columns') return { ok: false, message: t('import.presets.nothingMapped') };
      return { ok: false, message: importErrorText(e) };
    }
    await this.reloadPresets();
    return { ok: true };
  }

  async deletePreset(id: string): Promise<void> {
    const result = await commands.deleteImportPreset(id);
    if (result.status === 'error') throw toApiFailure(result.error);
    await this.reloadPresets();
  }

  async reloadPresets(): Promise<void> {
    const result = await commands.importPresets(this.target);
    if (result.status === 'ok') this.presets = result.data;
  }

  /** What keeps the columns from being previewed, checked before asking the backend. */
  checkColumns(): string | null {
    const first = this.duplicates.findIndex((d) => d !== null);
    if (first !== -1) return t('import.columns.fixTwice');
    if (!hasNameColumn(this.target, this.columns)) {
      return needNameText(this.target);
    }
    return null;
  }

  /** From the columns step: check, then show the first page of every row. */
  async startPreview(): Promise<boolean> {
    this.columnsError = this.checkColumns();
    if (this.columnsError !== null) return false;
    this.filter = 'all';
    this.offset = 0;
    this.step = 'preview';
    await this.runPreview();
    return this.step === 'preview';
  }

  setFilter(filter: PreviewFilter): void {
    this.filter = filter;
    this.offset = 0;
    void this.runPreview();
  }

  page(direction: 1 | -1): void {
    this.offset = Math.max(0, this.offset + direction * PAGE_SIZE);
    void this.runPreview();
  }

  edit(index: number, column: number, value: string): void {
    this.edits = setEdit(this.edits, index, column, value);
    this.dirty = true;
  }

  /** Plans every row again with the current settings and corrections. */
  async runPreview(): Promise<void> {
    if (this.readPath === null) return;
    const mine = ++this.#generation;
    this.previewing = true;
    this.previewError = null;
    const editsSent = this.edits;
    try {
      const result = await commands.importPreview(this.readPath, this.settings(), this.filter, this.offset, PAGE_SIZE);
      if (mine !== this.#generation) return;
      if (result.status === 'error') {
        this.refused(result.error);
        return;
      }
      const preview = result.data;
      // Corrections may take rows out of the filter: stay on a page that has rows.
      if (preview.rows.length === 0 && this.offset > 0 && preview.matching > 0) {
        this.offset = Math.floor((preview.matching - 1) / PAGE_SIZE) * PAGE_SIZE;
        void this.runPreview();
        return;
      }
      this.preview = preview;
      if (this.edits === editsSent) this.dirty = false;
    } catch (caught) {
      if (mine === this.#generation) this.previewError = errorMessage(toApiFailure(caught));
    } finally {
      if (mine === this.#generation) this.previewing = false;
    }
  }

  /** A refused preview or commit: a column problem goes back to the columns step. */
  refused(error: ApiError): void {
    const column = columnOfError(error.field);
    if (error.code === 'validation' && column !== null) {
      const message =
        error.kind === 'already_listed'
          ? t('import.columns.usedTwice', { column: columnName(this.headers, column) })
          : importErrorText(error);
      this.refusedColumn = { column, message };
      this.columnsError = t('import.columns.fixMarked');
      this.step = 'columns';
      return;
    }
    if (error.code === 'validation' && error.field === 'columns') {
      this.columnsError =
        error.kind === 'no_adult' || error.kind === 'empty' ? needNameText(this.target) : importErrorText(error);
      this.step = 'columns';
      return;
    }
    if (error.code === 'validation' && error.field === 'tags') {
      this.columnsError = t('import.columns.badTags', { problem: importErrorText(error) });
      this.step = 'columns';
      return;
    }
    this.previewError = importErrorText(error);
  }

  /** Writes the planned rows as one batch. */
  async commit(): Promise<boolean> {
    if (this.readPath === null) return false;
    this.committing = true;
    this.commitError = null;
    try {
      const result = await commands.importCommit(this.readPath, this.settings());
      if (result.status === 'error') {
        const column = columnOfError(result.error.field);
        if (column !== null || result.error.field === 'columns') {
          this.refused(result.error);
          return false;
        }
        this.commitError = importErrorText(result.error);
        return false;
      }
      this.batch = result.data;
      this.step = 'done';
      this.#onImported();
      return true;
    } catch (caught) {
      this.commitError = errorMessage(toApiFailure(caught));
      return false;
    } finally {
      this.committing = false;
    }
  }

  /** After an import: start again with another file, keeping the target. */
  restart(): void {
    this.resetPreview();
    this.edits = [];
    this.step = 'file';
    this.source = null;
    this.readPath = null;
    this.path = '';
    this.read = { encoding: null, delimiter: null, sheet: null };
    this.columns = [];
    this.presetUsed = null;
    this.batch = null;
    this.commitError = null;
    this.columnsError = null;
    this.refusedColumn = null;
  }
}
