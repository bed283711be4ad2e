"""Job-offer verification for embassies and labour attachés: findings, verdict, signed reference and printable page."""
