"""scocompare.gui"""
