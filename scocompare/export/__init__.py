"""scocompare.export"""
