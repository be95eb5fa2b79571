/** Runs one compiled check with the matcher of its type. */
import type { CompiledCheck } from '../catalogue/compiled.js';
import { evaluateDate } from '../match/date.js';
import { evaluateField } from '../match/field.js';
import { evaluateAbout } from '../match/about.js';
import { evaluateHeading } from '../match/heading.js';
import { evaluateOneHolder } from '../match/one-holder.js';
import { evaluateNear } from '../match/near.js';
import { evaluateEdition, evaluateTerms } from '../match/outdated.js';
import type { CheckOutcome, MatchContext } from '../match/outcome.js';
import { evaluateTimescale } from '../match/timescale.js';

export function evaluateCheck(check: CompiledCheck, ctx: MatchContext): CheckOutcome {
  switch (check.type) {
    case 'near':
      return evaluateNear(check.groups, check.within, ctx, check.except, check.unless, check.others);
    case 'about':
      return evaluateAbout(check.any, ctx);
    case 'one-holder':
      return evaluateOneHolder(check.roles, ctx);
    case 'timescale':
      return evaluateTimescale(check, ctx);
    case 'heading':
      return evaluateHeading(check.any, check.minWords, ctx);
    case 'field':
      return evaluateField(check.path, check.kind, ctx);
    case 'date':
      return evaluateDate(check, ctx);
    case 'terms':
      return evaluateTerms(check.terms, ctx, check.except);
    case 'edition':
      return evaluateEdition(check, ctx);
  }
}
