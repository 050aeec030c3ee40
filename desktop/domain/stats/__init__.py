"""Supervisor statistics, pure: periods, metrics and their definitions, working time as a
subtraction, and tables for export. The store computes them over the database (store/stats.py).
"""
