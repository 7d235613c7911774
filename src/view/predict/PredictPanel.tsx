/**
 * Predict mode: before the next hop is shown, the learner picks where the packet goes or which
 * rule acts, from choices the model draws (src/model/predict/choices.ts); the answer says why,
 * and a score counts. The buttons are a labelled group, the feedback a polite live region, and
 * focus moves from the answer to "Show the hop" and on to the next question, so the walk can be
 * done with the keyboard alone. Loaded on demand, with the default walk's facts it needs.
 */
import { use, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { PortableWalk as Walk } from '../../model';
import { walkKey } from '../../model/portable';
import { hopToAsk, questionFor, type QuestionKind } from '../../model/predict/choices';
import { nextPosition, summarize } from '../../machine/steps';
import { perform, type CommandContext } from '../../commands/commands';
import { loadDefaultDetails } from '../../store/walkCache';
import { useSettings } from '../StoreContext';
import './predict.css';

const PROMPTS: Readonly<Record<QuestionKind, string>> = {
  rule: 'Which rule acts next?',
  program: 'Which eBPF program acts next?',
  port: 'Which listening port takes it next?',
  place: 'Where does the packet go next?',
};

export interface PredictPanelProps {
  readonly walk: Walk;
  readonly index: number;
  readonly ctx: CommandContext;
}

export default function PredictPanel({ walk, index, ctx }: PredictPanelProps) {
  // The questions are made of the hops' facts, which the default walk loads after first paint.
  use(loadDefaultDetails());
  const detail = useSettings((s) => s.detail);
  const key = walkKey(walk);
  const stop = nextPosition(summarize(walk), detail, index);
  // In overview a step is several hops: the question is about the one that decides in it.
  const next = stop === undefined ? undefined : hopToAsk(walk.hops, index, stop);
  const question = useMemo(
    () => (next === undefined ? undefined : questionFor(walk, next)),
    [walk, next],
  );
  // The learner's choice per hop asked about, for this walk; a new scenario starts afresh.
  const [answers, setAnswers] = useState<{ key: string; chosen: ReadonlyMap<number, number> }>({
    key,
    chosen: new Map(),
  });
  const chosenMap = answers.key === key ? answers.chosen : new Map<number, number>();
  const scored = [...chosenMap.entries()].map(([hop, c]) => questionFor(walk, hop).answer === c);
  const right = scored.filter(Boolean).length;
  const chosen = next === undefined ? undefined : chosenMap.get(next);
  const id = useId();
  const showRef = useRef<HTMLButtonElement>(null);
  const firstChoiceRef = useRef<HTMLButtonElement>(null);
  const moving = useRef(false);

  // After "Show the hop", the next question's first choice takes focus.
  useEffect(() => {
    if (moving.current) {
      moving.current = false;
      firstChoiceRef.current?.focus();
    }
  }, [next]);

  const choose = (c: number): void => {
    if (next === undefined || chosen !== undefined) return;
    setAnswers({ key, chosen: new Map(chosenMap).set(next, c) });
    // The feedback is read out by the live region; focus goes to the way on.
    requestAnimationFrame(() => showRef.current?.focus());
  };

  const hop = next === undefined ? undefined : walk.hops[next];
  const answered = chosen !== undefined && question !== undefined;
  const correct = answered && chosen === question.answer;
  return (
    <section className="predict" aria-labelledby={`${id}-q`} data-testid="predict">
      <div className="predict-head">
        <h2 id={`${id}-q`} className="predict-question">
          {question ? PROMPTS[question.kind] : 'The walk is done.'}
        </h2>
        <p className="predict-score" data-testid="predict-score">
          Score: {right} of {scored.length}
        </p>
      </div>
      {question && (
        <div className="predict-choices" role="group" aria-labelledby={`${id}-q`}>
          {question.choices.map((c, i) => (
            <button
              key={`${next}-${i}`}
              ref={i === 0 ? firstChoiceRef : undefined}
              type="button"
              className={`btn predict-choice${answered && i === question.answer ? ' is-right' : ''}${answered && i === chosen && !correct ? ' is-wrong' : ''}`}
              aria-pressed={chosen === i}
              aria-disabled={answered}
              onClick={() => choose(i)}
            >
              {c}
            </button>
          ))}
        </div>
      )}
      <div
        className="predict-feedback"
        role="status"
        aria-live="polite"
        data-testid="predict-feedback"
      >
        {answered && hop && (
          <>
            <p className={correct ? 'predict-right' : 'predict-wrong'}>
              {correct ? 'Right: ' : 'Not quite. The answer is '}
              <strong>{question.choices[question.answer]}</strong>.
            </p>
            <p className="predict-why">
              <span className="predict-why-label">Why: </span>
              {hop.why}
            </p>
          </>
        )}
      </div>
      {question && (
        <button
          ref={showRef}
          type="button"
          className="btn primary predict-show"
          onClick={() => {
            moving.current = true;
            perform(ctx, 'next');
          }}
        >
          {answered ? 'Show the hop' : 'Skip: show the hop'}
        </button>
      )}
    </section>
  );
}
