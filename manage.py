#!/usr/bin/env python
from ketnap.__main__ import main

if __name__ == "__main__":
    main()
