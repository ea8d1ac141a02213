import { ConflictException, Controller, Get, Header, NotFoundException, Param, Req, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { REPORT_HTML_CSP } from '@kernel-sweep/results';
import { presentedKey } from '../auth/api-key.guard';
import { ApiKeyRegistry } from '../auth/api-keys';
import { ErrorCode } from '../errors/graphql-errors';
import { ReportNotWrittenError, ReportsService } from './reports.service';

/** The header policy: the page's own, plus no framing (which a `<meta>` policy cannot say). */
export const REPORT_PAGE_CSP = `${REPORT_HTML_CSP}; frame-ancestors 'none'`;

/**
 * `GET /reports/{sweepId}/report.html`: the HTML report of one of the caller's sweeps, with the
 * API key GraphQL takes (`x-api-key` or `Authorization: Bearer`). 401 without a known key, 404
 * for a sweep that is not the caller's or does not exist, 409 while the sweep runs (its report
 * is written once it has finished) or when it failed without results.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly reports: ReportsService,
  ) {}

  @Get(':sweepId/report.html')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', REPORT_PAGE_CSP)
  @Header('x-content-type-options', 'nosniff')
  @Header('referrer-policy', 'no-referrer')
  @Header('cache-control', 'private, no-cache')
  async html(@Req() req: Request, @Param('sweepId') sweepId: string): Promise<string> {
    const key = presentedKey(req);
    const owner = key ? this.keys.ownerOf(key) : undefined;
    if (!owner) throw new UnauthorizedException(key ? 'API key not recognised' : 'API key required (x-api-key header)');
    try {
      return await this.reports.html(owner, sweepId);
    } catch (err) {
      throw httpErrorOf(err);
    }
  }
}

/** The HTTP answer to a failure of the report service; anything unexpected stays a 500. */
function httpErrorOf(err: unknown): unknown {
  if (err instanceof ReportNotWrittenError) return new ConflictException(err.message);
  if (err instanceof GraphQLError) {
    return err.extensions.code === ErrorCode.NotFound ? new NotFoundException(err.message) : new ConflictException(err.message);
  }
  return err;
}
