"""scocompare.commands"""
