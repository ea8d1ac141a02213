import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { GatewayMetrics } from './gateway-metrics';

/** `GET /metrics`: Prometheus text, no API key (scraped inside the cluster). */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: GatewayMetrics) {}

  @Get()
  @Header('cache-control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.metrics.registry.metrics();
    res.type(this.metrics.registry.contentType).send(text);
  }
}
