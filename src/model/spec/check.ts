/**
 * A scenario file read against itself: every `namespace/name` names an object the file has,
 * every workload's node is a node, the request starts at a workload and goes somewhere the file
 * knows (or is an IP:port, which ztunnel passes through). What the schema cannot say.
 */
import { diag, type Diagnostic } from './diagnostics';
import { refOf, type ClusterSpec } from './types';

const MAX_REPORTED = 20;

/** Problems with the file's references; empty when it is consistent. */
export function checkSpec(spec: ClusterSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (code: string, message: string, fix: string, where: string): void => {
    if (out.length < MAX_REPORTED) out.push(diag(code, 'error', message, fix, where));
  };
  const nodes = new Set(spec.nodes.map((n) => n.name));
  const workloads = new Set(spec.workloads.map(refOf));
  const services = new Set(spec.services.map(refOf));
  const waypoints = new Set(spec.waypoints.map(refOf));
  const seen = new Set<string>();
  spec.workloads.forEach((w, i) => {
    const where = `workloads[${i}]`;
    if (seen.has(refOf(w)))
      add('E_SPEC_DUPLICATE', `Workload ${refOf(w)} is listed twice.`, 'Keep one entry.', where);
    seen.add(refOf(w));
    if (!nodes.has(w.node))
      add(
        'E_SPEC_REF',
        `Workload ${refOf(w)} runs on node “${w.node}”, which is not in “nodes”.`,
        `Add {"name": "${w.node}"} to “nodes”.`,
        `${where}.node`,
      );
    if (w.waypoint && !waypoints.has(w.waypoint))
      add(
        'E_SPEC_REF',
        `Workload ${refOf(w)} uses waypoint ${w.waypoint}, which is not in “waypoints”.`,
        'Add the waypoint or remove the reference.',
        `${where}.waypoint`,
      );
  });
  spec.services.forEach((s, i) => {
    const where = `services[${i}]`;
    s.endpoints?.forEach((e, j) => {
      if (!workloads.has(e.workload))
        add(
          'E_SPEC_REF',
          `Service ${refOf(s)} lists endpoint ${e.workload}, which is not in “workloads”.`,
          'Add the workload or remove the endpoint.',
          `${where}.endpoints[${j}]`,
        );
    });
    if (s.waypoint && !waypoints.has(s.waypoint))
      add(
        'E_WAYPOINT_UNRESOLVED',
        `Service ${refOf(s)} uses waypoint ${s.waypoint}, which is not in “waypoints”; ztunnel would fail with “unknown waypoint”.`,
        'Add the waypoint (its Gateway, Service and pods) or remove the reference.',
        `${where}.waypoint`,
      );
  });
  spec.waypoints.forEach((w, i) => {
    const where = `waypoints[${i}]`;
    if (!services.has(w.service))
      add(
        'E_WAYPOINT_UNRESOLVED',
        `Waypoint ${refOf(w)} names Service ${w.service}, which is not in “services”.`,
        'Add the waypoint’s Service (port 15008).',
        `${where}.service`,
      );
    w.pods.forEach((p, j) => {
      if (!workloads.has(p))
        add(
          'E_SPEC_REF',
          `Waypoint ${refOf(w)} lists pod ${p}, which is not in “workloads”.`,
          'Add the pod as a workload of kind “waypoint”.',
          `${where}.pods[${j}]`,
        );
    });
  });
  spec.rules?.forEach((r, i) => {
    if (!workloads.has(r.workload))
      add(
        'E_SPEC_REF',
        `Rules are given for ${r.workload}, which is not in “workloads”.`,
        'Name a workload of the file.',
        `rules[${i}].workload`,
      );
  });
  if (!workloads.has(spec.request.from))
    add(
      'E_SRC_NOT_FOUND',
      `The request starts at ${spec.request.from}, which is not in “workloads”.`,
      'Set “request.from” to a workload’s namespace/name.',
      'request.from',
    );
  return out;
}
