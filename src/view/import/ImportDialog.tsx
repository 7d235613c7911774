import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  crossCheck,
  destinationChoices,
  importCluster,
  parseAccessLog,
  parseYaml,
  routeSpec,
  sourceChoices,
  type ClusterSpec,
  type Diagnostic,
  type ImportInput,
} from '../../model/import';
import { focusClusterBarWhenShown } from './ClusterBar';
import { loadCluster, savedRef } from './clusterSource';
import { provideClusterWalk } from './clusterWalks';
import { Diagnostics } from './Diagnostics';
import { RouteList } from './RouteList';
import { SavedList } from './SavedList';
import { listSaved, saveCluster, scenarioFileText, type SavedCluster } from './savedClusters';
import { useSpecWalk } from './useSpecWalk';
import './import-dialog.css';

interface FileInput {
  readonly name: string;
  readonly text: string;
}

/**
 * Import a cluster: paste or drop ztunnel's config dump (and optionally a pod's rules and
 * access-log lines), pick From and To, and see the request walked at ztunnel's level. Saved
 * clusters are kept in this browser. Nothing leaves the browser.
 */
export default function ImportDialog({
  onClose,
  cluster,
  onCluster,
  onWalk,
}: {
  onClose: () => void;
  /** The address's `cluster=`: opened when the dialog opens. */
  cluster?: string | undefined;
  /** The address follows the cluster open here: `saved:<name>`, a file's URL, or none. */
  onCluster: (cluster: string | undefined) => void;
  /** The page walks this cluster (saved here under the reference) hop by hop. */
  onWalk: (cluster: string) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [paste, setPaste] = useState('');
  const [files, setFiles] = useState<FileInput[]>([]);
  const [rulesPod, setRulesPod] = useState('');
  const [rules, setRules] = useState('');
  const [logs, setLogs] = useState('');
  const [diagnostics, setDiagnostics] = useState<readonly Diagnostic[]>([]);
  const [spec, setSpec] = useState<ClusterSpec | undefined>();
  const [unresolved, setUnresolved] = useState<Readonly<Record<string, string>>>({});
  const [saved, setSaved] = useState<SavedCluster[]>(() => listSaved());
  const [saveName, setSaveName] = useState('');
  const [note, setNote] = useState('');

  useEffect(() => {
    ref.current?.showModal?.();
  }, []);
  // Only the cluster the address named when the dialog opened: later changes of the address
  // are this dialog's own (a cluster opened or saved here).
  const [opening] = useState(cluster);
  useEffect(() => {
    if (!opening) return;
    let live = true;
    void loadCluster(opening).then((r) => {
      if (!live) return;
      setDiagnostics(r.diagnostics);
      if (r.spec) setSpec(r.spec);
      else onCluster(undefined);
    });
    return () => {
      live = false;
    };
  }, [opening, onCluster]);

  const run = (): void => {
    const inputs: ImportInput[] = [
      ...(paste.trim() ? [{ name: 'pasted text', text: paste }] : []),
      ...files,
      ...(rules.trim()
        ? [{ name: 'pod rules', text: rules, ...(rulesPod.trim() ? { pod: rulesPod.trim() } : {}) }]
        : []),
    ];
    const r = importCluster(inputs, { parseYaml });
    setDiagnostics(
      r.spec || !spec
        ? r.diagnostics
        : [
            ...r.diagnostics,
            {
              code: 'E_KEPT',
              severity: 'info',
              message: 'The cluster already loaded is kept.',
            },
          ],
    );
    if (r.spec) {
      setSpec(r.spec);
      setUnresolved(r.unresolvedWaypoints);
      // Pasted here, it has no address until it is saved.
      onCluster(undefined);
    }
  };

  const readFiles = (list: FileList | null): void => {
    if (!list) return;
    void Promise.all([...list].map(async (f) => ({ name: f.name, text: await f.text() }))).then(
      (read) => setFiles((prev) => [...prev, ...read]),
    );
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    readFiles(e.dataTransfer.files);
  };

  const route = useMemo(() => (spec ? routeSpec(spec, unresolved) : undefined), [spec, unresolved]);
  // Any cluster the model can build is walked hop by hop through the kernel; the access log is
  // then checked against that walk's own proxy hops, else against the route at ztunnel's level.
  const kernel = useSpecWalk(spec);
  const check = useMemo(() => {
    const entries = logs.trim() ? parseAccessLog(logs).entries : [];
    const hops = kernel.route ?? route?.hops;
    return spec && hops && entries.length ? crossCheck(spec, hops, entries) : undefined;
  }, [spec, route, kernel.route, logs]);
  const walkIt = (s: ClusterSpec): void => {
    const name = saveName.trim() || s.name;
    const r = saveCluster(name, s);
    setSaved(r.list);
    if (r.error) {
      setNote(r.error);
      return;
    }
    setNote(`Saved in this browser as “${name}”; walking it…`);
    const ref = savedRef(name);
    // Walked before the page asks for it: the page switches to it without a loading screen.
    void provideClusterWalk(ref, s).then(() => {
      focusClusterBarWhenShown();
      onWalk(ref);
    });
  };
  const sources = useMemo(() => (spec ? sourceChoices(spec) : []), [spec]);
  const targets = useMemo(() => (spec ? destinationChoices(spec) : []), [spec]);
  const setRequest = (patch: Partial<ClusterSpec['request']>): void => {
    if (spec) setSpec({ ...spec, request: { ...spec.request, ...patch } });
  };

  const exportSpec = (s: ClusterSpec): void => {
    const url = URL.createObjectURL(new Blob([scenarioFileText(s)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${s.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '') || 'cluster'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <dialog
      ref={ref}
      className="import-dialog"
      aria-labelledby="import-title"
      onClose={onClose}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <h2 id="import-title">Import your cluster</h2>
      <p className="import-privacy">
        <strong>Nothing leaves your browser.</strong> The dump is read on this page; certificates
        are removed before anything else, and nothing is sent anywhere.
      </p>
      <label className="import-field">
        <span>
          Paste <code>istioctl ztunnel-config all -o json</code> (or a scenario file), or drop files
          anywhere here
        </span>
        <textarea
          data-testid="import-paste"
          rows={6}
          value={paste}
          onChange={(e) => setPaste(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label className="import-field">
        <span>…or choose files</span>
        <input
          type="file"
          multiple
          accept=".json,.yaml,.yml,.txt,.log"
          data-testid="import-file"
          onChange={(e) => readFiles(e.target.files)}
        />
      </label>
      {files.length > 0 && (
        <p className="muted">
          Files: {files.map((f) => f.name).join(', ')}{' '}
          <button type="button" className="btn btn-small" onClick={() => setFiles([])}>
            Clear files
          </button>
        </p>
      )}
      <details className="import-more">
        <summary>A pod’s rules (optional)</summary>
        <label className="import-field">
          <span>Pod (namespace/name)</span>
          <input
            value={rulesPod}
            onChange={(e) => setRulesPod(e.target.value)}
            list="import-pods"
          />
        </label>
        <datalist id="import-pods">
          {sources.map((w) => (
            <option key={`${w.namespace}/${w.name}`} value={`${w.namespace}/${w.name}`} />
          ))}
        </datalist>
        <label className="import-field">
          <span>
            Its <code>iptables-save</code> / <code>nft list ruleset</code>, <code>ip rule</code> or{' '}
            <code>ip route show table all</code>
          </span>
          <textarea
            rows={4}
            value={rules}
            onChange={(e) => setRules(e.target.value)}
            spellCheck={false}
          />
        </label>
      </details>
      <p>
        <button type="button" className="btn primary" onClick={run} data-testid="import-run">
          Import
        </button>
      </p>
      <Diagnostics diagnostics={diagnostics} />
      {spec && route && (
        <section
          className="import-walk"
          aria-label="The imported cluster"
          data-testid="import-walk"
        >
          <h3>
            {spec.name}{' '}
            <span className="muted">(in-pod, Istio {spec.istioVersion ?? spec.istio})</span>
          </h3>
          <div className="import-pickers">
            <label className="import-field">
              <span>From</span>
              <select
                value={spec.request.from}
                onChange={(e) => setRequest({ from: e.target.value })}
                data-testid="import-from"
              >
                {sources.map((w) => (
                  <option key={`${w.namespace}/${w.name}`} value={`${w.namespace}/${w.name}`}>
                    {w.namespace}/{w.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="import-field">
              <span>To</span>
              <select
                value={spec.request.to}
                onChange={(e) => setRequest({ to: e.target.value })}
                data-testid="import-to"
              >
                {!targets.some((t) => t.to === spec.request.to) && (
                  <option value={spec.request.to}>{spec.request.to}</option>
                )}
                {targets.map((t) => (
                  <option key={t.to} value={t.to}>
                    {t.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="muted">
            The request at ztunnel’s level: which proxy takes it and what it decides, with this
            cluster’s addresses and identities.
          </p>
          <div data-testid="import-kernel" data-walks={String(kernel.walks ?? 'pending')}>
            {kernel.walks === undefined ? (
              <p className="muted">Checking whether the page can walk it through the kernel…</p>
            ) : kernel.walks ? (
              <p>
                The page can walk this cluster hop by hop through the kernel, with its own nodes,
                pods and addresses. It is saved in this browser to be walked.{' '}
                <button
                  type="button"
                  className="btn primary"
                  data-testid="import-walk-kernel"
                  onClick={() => walkIt(spec)}
                >
                  Walk it hop by hop
                </button>
              </p>
            ) : (
              <>
                <p>It cannot be walked hop by hop through the kernel:</p>
                <Diagnostics diagnostics={kernel.diagnostics} testId="import-kernel-diags" />
              </>
            )}
          </div>
          <RouteList route={route} check={check} />
          <label className="import-field">
            <span>Cross-check: paste ztunnel access-log lines (text or JSON)</span>
            <textarea
              rows={3}
              value={logs}
              onChange={(e) => setLogs(e.target.value)}
              spellCheck={false}
              data-testid="import-logs"
            />
          </label>
          {check && (
            <p data-testid="import-check" data-verdict={check.verdict}>
              {check.verdict === 'agree'
                ? 'The access log agrees with the walk.'
                : check.verdict === 'disagree'
                  ? `First disagreement: ${check.first?.disagreement?.field} (line ${check.first?.line}).`
                  : 'No access-log line matches a step of this walk.'}
            </p>
          )}
          <div className="import-save">
            <label className="import-field">
              <span>Name</span>
              <input
                value={saveName}
                onChange={(e) => setSaveName(e.target.value)}
                placeholder={spec.name}
              />
            </label>
            <button
              type="button"
              className="btn"
              data-testid="import-save"
              onClick={() => {
                const name = saveName.trim() || spec.name;
                const r = saveCluster(name, spec);
                setSaved(r.list);
                setNote(r.error ?? `Saved in this browser as “${name}”.`);
                if (!r.error) onCluster(savedRef(name));
              }}
            >
              Save in this browser
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => exportSpec(spec)}
              data-testid="import-export"
            >
              Export scenario file
            </button>
          </div>
        </section>
      )}
      <p role="status" className="muted">
        {note}
      </p>
      <SavedList
        saved={saved}
        onChange={(list, message) => {
          setSaved(list);
          setNote(message);
        }}
        onOpen={(c) => {
          setSpec(c.spec);
          setUnresolved({});
          setDiagnostics([]);
          setNote(`Opened “${c.name}”.`);
          onCluster(savedRef(c.name));
        }}
        onExport={(c) => exportSpec(c.spec)}
      />
      <form method="dialog" className="import-close">
        <button className="btn">Close</button>
      </form>
    </dialog>
  );
}
