from scocompare.cli import main

raise SystemExit(main())
