import {
  BadRequestException,
  ConflictException,
  Controller,
  Get,
  Header,
  Inject,
  InternalServerErrorException,
  NotFoundException,
  Param,
  Req,
  ServiceUnavailableException,
  UnauthorizedException,
  type HttpException,
} from '@nestjs/common';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from '@kernel-sweep/config';
import { REPORT_HTML_CSP } from '@kernel-sweep/results';
import { presentedKey } from '../auth/api-key.guard';
import { ApiKeyRegistry } from '../auth/api-keys';
import { LOGGER } from '../core/tokens';
import { ErrorCode } from '../errors/graphql-errors';
import { isTemporalUnavailable } from '../errors/temporal-unavailable';
import { SweepIdPipe } from '../sweeps/sweep-id.arg';
import { ReportNotWrittenError, ReportsService } from './reports.service';

/** The header policy: the page's own, plus no framing (which a `<meta>` policy cannot say). */
export const REPORT_PAGE_CSP = `${REPORT_HTML_CSP}; frame-ancestors 'none'`;

/**
 * `GET /reports/{sweepId}/report.html`: the HTML report of one of the caller's sweeps, with the
 * API key GraphQL takes (`x-api-key` or `Authorization: Bearer`). 401 without a known key, 400 for
 * an ID that cannot be a sweep's, 404 for a sweep that is not the caller's or does not exist, 409 while the sweep runs (its report
 * is written once it has finished) or when it failed without results (a business failure: its
 * data set missing, an invalid spec), 503 while Temporal cannot be reached, 500 (logged) for
 * anything else.
 */
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly keys: ApiKeyRegistry,
    private readonly reports: ReportsService,
    @Inject(LOGGER) private readonly log: Logger,
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
      return await this.reports.html(owner, new SweepIdPipe('sweepId').transform(sweepId));
    } catch (err) {
      const answer = httpErrorOf(err);
      if (answer) throw answer;
      this.log.error({ err, sweepId }, 'report.html failed');
      throw new InternalServerErrorException('the report could not be served');
    }
  }
}

/**
 * The HTTP answer to an expected failure of the report service, or undefined for an unexpected
 * one (a 500). A GraphQL error with a `failureType` is the sweep's own business failure.
 */
function httpErrorOf(err: unknown): HttpException | undefined {
  if (err instanceof ReportNotWrittenError) return new ConflictException(err.message);
  if (err instanceof GraphQLError) {
    if (err.extensions.code === ErrorCode.NotFound) return new NotFoundException(err.message);
    if (err.extensions.code === ErrorCode.BadUserInput) return new BadRequestException(err.message);
    if (typeof err.extensions.failureType === 'string') return new ConflictException(err.message);
  }
  if (isTemporalUnavailable(err)) return new ServiceUnavailableException('Temporal is unavailable; try again shortly');
  return undefined;
}
