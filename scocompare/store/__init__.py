"""scocompare.store"""
